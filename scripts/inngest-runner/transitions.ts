/** Run state changes, each inside the caller's (short) transaction. */
import type { Q } from "./db";
import { concurrencyKeys, deadline, idempotencyKey, triggeredBy } from "./functions";
import { ulid } from "./ids";
import { endRun, enqueue, getRun, idempotentRunExists, insertEvent, insertRun, pendingCount, saveStep, takeItem, type StoredEvent } from "./store";
import type { FunctionConfig, QueueItem, RunRow, StepResult } from "./types";

const DAY_MS = 86_400_000;
/** The request that lets the SDK report the function's next steps (Inngest's "step" edge). */
export const DISCOVERY = "step";

/** Starts a run of every function the event triggers; returns the new run ids. */
export async function startRuns(tx: Q, fns: FunctionConfig[], ev: StoredEvent, now: Date): Promise<Array<{ id: string; fn: string }>> {
  const started: Array<{ id: string; fn: string }> = [];
  for (const fn of fns.filter((f) => triggeredBy(f, ev.payload))) {
    const key = idempotencyKey(fn, ev.payload);
    if (key && (await idempotentRunExists(tx, fn.id, key, new Date(now.getTime() - DAY_MS)))) continue;
    const id = ulid(now.getTime());
    await insertRun(tx, {
      id,
      function_id: fn.id,
      event_id: ev.id,
      event: ev.payload,
      status: "queued",
      concurrency: concurrencyKeys(fn, ev.payload),
      idempotency_key: key,
      created_at: now,
      start_deadline: deadline(fn.timeouts?.start, now),
    });
    await enqueue(tx, { runId: id, kind: "exec", stepId: DISCOVERY, dueAt: now, at: now });
    started.push({ id, fn: fn.id });
  }
  return started;
}

/**
 * After a queue item is done: ask the app for the next steps once nothing else of the run is
 * pending (Inngest's optimized parallelism), or at once when the step was part of a race.
 */
export async function followUp(tx: Q, runId: string, race: boolean, now: Date): Promise<void> {
  if (race || (await pendingCount(tx, runId)) === 0) {
    await enqueue(tx, { runId, kind: "exec", stepId: DISCOVERY, dueAt: now, at: now });
  }
}

/** Resolves a timer or waiter with its result; false when it was already resolved or the run ended. */
export async function resolveItem(tx: Q, item: QueueItem, result: StepResult, now: Date): Promise<boolean> {
  const run = await getRun(tx, item.run_id, true);
  if (!run || run.ended_at || !(await takeItem(tx, item.id))) return false;
  await saveStep(tx, run.id, item.step_id, item.op?.displayName ?? item.op?.name, result);
  await followUp(tx, run.id, item.op?.opts?.parallelMode === "race", now);
  return true;
}

/** Fails a run and emits `inngest/function.failed`, which triggers the function's onFailure handler. */
export async function failRun(tx: Q, run: RunRow, error: unknown, now: Date): Promise<RunRow | undefined> {
  const ended = await endRun(tx, run.id, "failed", { error, at: now });
  if (!ended) return undefined;
  const id = ulid(now.getTime());
  const payload = {
    name: "inngest/function.failed",
    data: { function_id: run.function_id, run_id: run.id, error, event: run.event },
    id,
    ts: now.getTime(),
  };
  await insertEvent(tx, { id, dedupeKey: null, payload, at: now });
  return ended;
}

export async function cancelRun(tx: Q, runId: string, reason: string, now: Date): Promise<RunRow | undefined> {
  return endRun(tx, runId, "cancelled", { reason, at: now });
}
