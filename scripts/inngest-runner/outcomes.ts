/**
 * Applies what one serve-endpoint request returned to the run, in one transaction: memoize step
 * results, queue planned steps, timers and waiters, retry, or end the run.
 */
import type { Q } from "./db";
import { dueAt, parseDuration } from "./durations";
import { endRun, enqueue, getRun, rescheduleItem, saveStep, setRunVersion, takeItem } from "./store";
import { failRun, followUp } from "./transitions";
import type { Op, Outcome, QueueItem, RunRow } from "./types";

export interface ApplyOptions {
  now: Date;
  maxAttempts: number;
  retryBaseMs: number;
  version?: number;
}

/** What happened, for the log line written after the commit. */
export type Effect =
  | { type: "ended"; run: RunRow }
  | { type: "retry"; attempt: number; delayMs: number; error: unknown }
  | { type: "unavailable"; failures: number; delayMs: number }
  | { type: "progress" }
  | { type: "stale" };

const UNSUPPORTED_OPS = new Set(["InvokeFunction", "WaitForSignal", "AIGateway", "Gateway"]);

/** Step and function retries: base, 2×base, 4×base … capped at a minute's worth of bases. */
export const retryDelay = (base: number, attempt: number) => Math.min(base * 2 ** attempt, base * 60);
/** The app being down or restarting: retried forever, quickly at first, then every 5 bases. */
export const unavailableDelay = (base: number, failures: number) => Math.min((base / 2) * 2 ** failures, base * 5);

export async function applyOutcome(tx: Q, item: QueueItem, outcome: Outcome, o: ApplyOptions): Promise<Effect> {
  const run = await getRun(tx, item.run_id, true);
  if (!run || run.ended_at) return { type: "stale" };
  if (o.version && o.version !== run.version) await setRunVersion(tx, run.id, o.version);
  switch (outcome.kind) {
    case "complete":
      return ended(await endRun(tx, run.id, "completed", { output: outcome.output, at: o.now }));
    case "function-error":
      if (outcome.final || item.attempt + 1 >= o.maxAttempts) return ended(await failRun(tx, run, outcome.error, o.now));
      return retry(tx, item, outcome.error, outcome.retryAfterMs, o);
    case "unknown-function":
    case "unavailable": {
      const delayMs = unavailableDelay(o.retryBaseMs, item.failures);
      await rescheduleItem(tx, item.id, { attempt: item.attempt, failures: item.failures + 1, dueAt: new Date(o.now.getTime() + delayMs) });
      return { type: "unavailable", failures: item.failures + 1, delayMs };
    }
    case "ops":
      return applyOps(tx, run, item, outcome.ops, outcome.retryAfterMs, o);
  }
}

async function applyOps(tx: Q, run: RunRow, item: QueueItem, ops: Op[], retryAfterMs: number | undefined, o: ApplyOptions): Promise<Effect> {
  let failedStep: Op | undefined;
  for (const op of ops) {
    if (op.op === "RunComplete") return ended(await endRun(tx, run.id, "completed", { output: op.data ?? null, at: o.now }));
    if (op.op === "StepError" && item.attempt + 1 < o.maxAttempts) failedStep = op;
    else await applyOp(tx, run.id, op, o.now);
  }
  if (failedStep) return retry(tx, item, failedStep.error, retryAfterMs, o);
  await takeItem(tx, item.id);
  await followUp(tx, run.id, item.op?.opts?.parallelMode === "race", o.now);
  return { type: "progress" };
}

async function applyOp(tx: Q, runId: string, op: Op, now: Date): Promise<void> {
  const name = op.displayName ?? op.name;
  const fail = (message: string) => saveStep(tx, runId, op.id, name, { type: "error", error: { name: "Error", message } });
  switch (op.op) {
    case "StepRun":
      return void (await saveStep(tx, runId, op.id, name, { type: "data", data: op.data ?? null }));
    case "StepError":
    case "StepFailed":
      return void (await saveStep(tx, runId, op.id, name, { type: "error", error: op.error ?? op.data }));
    case "StepPlanned":
      return enqueue(tx, { runId, kind: "exec", stepId: op.id, dueAt: now, op, at: now });
    case "Sleep":
      try {
        return await enqueue(tx, { runId, kind: "sleep", stepId: op.id, dueAt: dueAt(op.name ?? "", now), op, at: now });
      } catch (err) {
        return void (await fail((err as Error).message));
      }
    case "WaitForEvent": {
      const timeout = safeDuration(op.opts?.timeout);
      if (timeout === undefined) return void (await fail(`invalid waitForEvent timeout "${op.opts?.timeout}"`));
      return enqueue(tx, { runId, kind: "wait", stepId: op.id, dueAt: new Date(now.getTime() + timeout), op, waitEvent: op.name, at: now });
    }
    default:
      if (UNSUPPORTED_OPS.has(op.op)) await fail(`${op.op} is not supported by the local Inngest runner`);
  }
}

async function retry(tx: Q, item: QueueItem, error: unknown, retryAfterMs: number | undefined, o: ApplyOptions): Promise<Effect> {
  const delayMs = retryAfterMs ?? retryDelay(o.retryBaseMs, item.attempt);
  await rescheduleItem(tx, item.id, { attempt: item.attempt + 1, failures: item.failures, dueAt: new Date(o.now.getTime() + delayMs) });
  return { type: "retry", attempt: item.attempt + 1, delayMs, error };
}

function ended(run: RunRow | undefined): Effect {
  return run ? { type: "ended", run } : { type: "stale" };
}

function safeDuration(value: unknown): number | undefined {
  try {
    return typeof value === "string" ? parseDuration(value) : undefined;
  } catch {
    return undefined;
  }
}
