/**
 * Makes the due requests to the app, at most `limit` per concurrency key at once. As in Inngest,
 * only requests in flight hold a slot: a sleeping or waiting run holds none. In-flight state lives
 * in memory (one runner per database); after a crash the interrupted request is simply made again.
 */
import type { Sql } from "./db";
import { deadline, maxAttempts, type Registry } from "./functions";
import { errorMessage, type Logger } from "./log";
import { applyOutcome, type Effect } from "./outcomes";
import { callApp } from "./request";
import { dueItem, getRun, markStarted, memo, pendingCount, type DueExec } from "./store";
import { failRun } from "./transitions";
import type { FunctionConfig, Outcome } from "./types";

export interface DispatcherOptions {
  sql: Sql;
  registry: Registry;
  log: Logger;
  serveUrl: () => string | undefined;
  retryBaseMs: number;
  signingKey?: string;
  /** True once a sync in this process has succeeded (the registry is then authoritative). */
  synced: () => boolean;
  /** Called when the app says it does not know a function: the runner syncs again. */
  onUnknownFunction: () => void;
  /** Called after every request, so the scheduler looks for follow-up work at once. */
  onSettled: () => void;
}

const MAX_IN_FLIGHT = 32;

export class Dispatcher {
  private inFlight = new Map<string, { runId: string; keys: string[]; abort: AbortController; done: Promise<void> }>();
  private slots = new Map<string, number>();
  private stopped = false;

  constructor(private readonly o: DispatcherOptions) {}

  /** Starts every due item that has free concurrency slots. */
  dispatch(items: DueExec[]): void {
    for (const item of items) {
      if (this.stopped || this.inFlight.size >= MAX_IN_FLIGHT) return;
      if (this.inFlight.has(item.id) || !this.hasSlots(item)) continue;
      const keys = item.concurrency.map((c) => c.key);
      for (const k of keys) this.slots.set(k, (this.slots.get(k) ?? 0) + 1);
      const abort = new AbortController();
      const done = this.execute(item, abort.signal)
        .catch((err) => {
          if (!this.stopped) this.o.log.error({ run: item.run_id, err: errorMessage(err) }, "request handling failed");
        })
        .finally(() => this.release(item.id));
      this.inFlight.set(item.id, { runId: item.run_id, keys, abort, done });
    }
  }

  /** Drops the in-flight request of ended runs (their result is ignored anyway). */
  abortRuns(runIds: string[]): void {
    for (const entry of this.inFlight.values()) if (runIds.includes(entry.runId)) entry.abort.abort();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const entry of this.inFlight.values()) entry.abort.abort();
    await Promise.all([...this.inFlight.values()].map((e) => e.done));
  }

  private hasSlots(item: DueExec): boolean {
    return item.concurrency.every((c) => (this.slots.get(c.key) ?? 0) < c.limit);
  }

  private release(itemId: string) {
    const entry = this.inFlight.get(itemId);
    this.inFlight.delete(itemId);
    for (const k of entry?.keys ?? []) this.slots.set(k, (this.slots.get(k) ?? 1) - 1);
    if (!this.stopped) this.o.onSettled();
  }

  private async execute(due: DueExec, signal: AbortSignal): Promise<void> {
    const { sql, registry, log } = this.o;
    const now = new Date();
    const fresh = await dueItem(sql, due.id, now);
    if (!fresh) return;
    const item = { ...due, ...fresh };
    const fn = registry.get(item.function_id);
    const serveUrl = this.o.serveUrl() ?? fn?.steps.step?.runtime.url;
    if (!fn || !serveUrl) return this.unknownFunction(item);
    const started = await markStarted(sql, item.run_id, now, (at) => deadline(fn.timeouts?.finish, at));
    if (started) log.info({ run: item.run_id, function: fn.id, event: started.event.name }, "run started");
    const [{ steps, stack }, pending, run] = await Promise.all([memo(sql, item.run_id), pendingCount(sql, item.run_id), getRun(sql, item.run_id)]);
    if (!run || run.ended_at) return;
    const attempts = maxAttempts(fn);
    const { outcome, version } = await callApp({
      serveUrl, functionId: fn.id, stepId: item.step_id, event: run.event, steps, stack, runId: item.run_id,
      attempt: item.attempt, maxAttempts: attempts, disableImmediateExecution: pending > 1, version: run.version,
      signingKey: this.o.signingKey, signal,
    });
    if (this.stopped || signal.aborted) return;
    if (outcome.kind === "unknown-function") this.o.onUnknownFunction();
    const effect = await sql.begin((tx) =>
      applyOutcome(tx, item, outcome, { now: new Date(), maxAttempts: attempts, retryBaseMs: this.o.retryBaseMs, version }),
    );
    this.report(item, fn, outcome, effect);
  }

  /** The app does not serve the function: fail the run if a sync confirmed it, else retry later. */
  private async unknownFunction(item: DueExec): Promise<void> {
    const { sql, log, retryBaseMs } = this.o;
    this.o.onUnknownFunction();
    const now = new Date();
    if (!this.o.synced()) {
      await sql.begin((tx) => applyOutcome(tx, item, { kind: "unknown-function" }, { now, maxAttempts: 1, retryBaseMs }));
      return;
    }
    const error = { name: "Error", message: `function ${item.function_id} is not registered by the app` };
    const failed = await sql.begin(async (tx) => {
      const run = await getRun(tx, item.run_id, true);
      return run && !run.ended_at ? failRun(tx, run, error, now) : undefined;
    });
    if (failed) log.warn({ run: item.run_id, function: item.function_id }, "run failed: function not registered");
  }

  private report(item: DueExec, fn: FunctionConfig, outcome: Outcome, effect: Effect) {
    const base = { run: item.run_id, function: fn.id, step: item.step_id };
    const { log } = this.o;
    if (effect.type === "ended") {
      const { run } = effect;
      const ms = run.started_at && run.ended_at ? run.ended_at.getTime() - run.started_at.getTime() : undefined;
      const line = { ...base, status: run.status, ms, ...(run.status === "failed" ? { error: run.error } : {}) };
      if (run.status === "failed") log.warn(line, "run finished");
      else log.info(line, "run finished");
    } else if (effect.type === "retry") {
      log.info({ ...base, attempt: effect.attempt, delayMs: effect.delayMs, error: effect.error }, "retrying");
    } else if (effect.type === "unavailable") {
      const reason = outcome.kind === "unavailable" ? outcome.reason : "function unknown to the app";
      const line = { ...base, failures: effect.failures, delayMs: effect.delayMs, reason };
      if (effect.failures === 1) log.warn(line, "app unavailable, retrying");
      else log.debug(line, "app unavailable, retrying");
    }
  }
}
