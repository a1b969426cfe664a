/**
 * The runner's loop: polls the database (LISTEN/NOTIFY does not work through PGlite's socket
 * server) and is also woken directly when something happens in this process. One tick processes
 * new events, fires due timers, enforces `timeouts`, then hands due requests to the dispatcher.
 */
import type { Sql } from "./db";
import type { Dispatcher } from "./dispatcher";
import { processEvent, type EventEffects } from "./events";
import type { Registry } from "./functions";
import { errorMessage, type Logger } from "./log";
import { dueExecs, dueTimers, expireDedupeKeys, pendingEvents, timedOutRuns, type StoredEvent } from "./store";
import { cancelRun, resolveItem } from "./transitions";

const BATCH = 100;
const DEDUPE_WINDOW_MS = 86_400_000;
const FAILED_TICK_DELAY_MS = 2_000;

export interface SchedulerOptions {
  sql: Sql;
  registry: Registry;
  dispatcher: Dispatcher;
  log: Logger;
  pollMs: number;
  /** Events wait until the app has been synced, so no event meets an empty function list. */
  ready: () => boolean;
}

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private lastExpiry = 0;

  constructor(private readonly o: SchedulerOptions) {}

  start(): void {
    this.wake();
  }

  /** Runs a tick now (or right after the current one). */
  wake(): void {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    let failed = false;
    this.ticking = this.tick()
      .catch((err) => {
        failed = true;
        this.o.log.error({ err: errorMessage(err) }, "scheduler tick failed (database unavailable?)");
      })
      .finally(() => {
        this.ticking = undefined;
        if (this.stopped) return;
        if (this.again && !failed) {
          this.again = false;
          this.wake();
        } else this.timer = setTimeout(() => this.wake(), failed ? FAILED_TICK_DELAY_MS : this.o.pollMs);
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
  }

  private async tick(): Promise<void> {
    const now = new Date();
    if (this.o.ready()) await this.processEvents();
    await this.fireTimers(now);
    await this.enforceTimeouts(now);
    if (now.getTime() - this.lastExpiry > 60_000) {
      this.lastExpiry = now.getTime();
      await expireDedupeKeys(this.o.sql, new Date(now.getTime() - DEDUPE_WINDOW_MS));
    }
    this.o.dispatcher.dispatch(await dueExecs(this.o.sql, new Date(), BATCH * 2));
  }

  private async processEvents(): Promise<void> {
    for (const ev of await pendingEvents(this.o.sql, BATCH)) {
      if (this.stopped) return;
      const effects = await processEvent(this.o.sql, this.o.registry.all(), ev, new Date());
      this.logEvent(ev, effects);
      this.o.dispatcher.abortRuns(effects.cancelled);
    }
  }

  private logEvent(ev: StoredEvent, e: EventEffects) {
    for (const run of e.started) this.o.log.debug({ run: run.id, function: run.fn, event: ev.name }, "run queued");
    for (const run of e.cancelled) this.o.log.info({ run, status: "cancelled", event: ev.name }, "run finished");
    this.o.log.debug({ event: ev.name, id: ev.id, started: e.started.length, resolved: e.resolved.length }, "event processed");
  }

  /** Sleeps that are over resolve with null, and so do waits that timed out (Inngest semantics). */
  private async fireTimers(now: Date): Promise<void> {
    for (const item of await dueTimers(this.o.sql, now, BATCH)) {
      if (this.stopped) return;
      await this.o.sql.begin((tx) => resolveItem(tx, item, { type: "data", data: null }, new Date()));
    }
  }

  private async enforceTimeouts(now: Date): Promise<void> {
    const ids = (await timedOutRuns(this.o.sql, now)).map((r) => r.id);
    for (const id of ids) {
      const run = await this.o.sql.begin((tx) => cancelRun(tx, id, "timeout", new Date()));
      if (run) this.o.log.info({ run: id, function: run.function_id, status: "cancelled", reason: "timeout" }, "run finished");
    }
    this.o.dispatcher.abortRuns(ids);
  }
}
