/**
 * What a stored event does, in one transaction: cancel runs whose `cancelOn` it matches, resolve
 * `step.waitForEvent` waiters, and start runs of the functions it triggers. In `cancelOn` and
 * `waitForEvent` expressions, `event` is the run's triggering event and `async` the new one.
 */
import type { Q, Sql } from "./db";
import { deadline, nameMatches, safeMatch } from "./functions";
import { activeRunsOf, markEventProcessed, waitersFor, type StoredEvent } from "./store";
import { cancelRun, resolveItem, startRuns } from "./transitions";
import type { FunctionConfig } from "./types";

export interface EventEffects {
  started: Array<{ id: string; fn: string }>;
  cancelled: string[];
  resolved: string[];
}

export function processEvent(sql: Sql, fns: FunctionConfig[], ev: StoredEvent, now: Date): Promise<EventEffects> {
  return sql.begin(async (tx) => {
    const cancelled = await cancelMatching(tx, fns, ev, now);
    const resolved = await resolveWaiters(tx, ev, now);
    const started = await startRuns(tx, fns, ev, now);
    await markEventProcessed(tx, ev.seq, now);
    return { started, cancelled, resolved };
  });
}

async function cancelMatching(tx: Q, fns: FunctionConfig[], ev: StoredEvent, now: Date): Promise<string[]> {
  const cancelled: string[] = [];
  for (const fn of fns) {
    const rules = (fn.cancel ?? []).filter((c) => nameMatches(c.event, ev.name));
    if (!rules.length) continue;
    for (const run of await activeRunsOf(tx, fn.id, ev.received_at)) {
      const vars = { event: run.event, async: ev.payload };
      const rule = rules.find((c) => withinTimeout(c.timeout, run.created_at, now) && safeMatch(c.if, vars));
      if (rule && (await cancelRun(tx, run.id, `cancelled by event ${ev.name}`, now))) cancelled.push(run.id);
    }
  }
  return cancelled;
}

function withinTimeout(timeout: string | undefined, since: Date, now: Date): boolean {
  const until = deadline(timeout, since);
  return !until || now < until;
}

async function resolveWaiters(tx: Q, ev: StoredEvent, now: Date): Promise<string[]> {
  const resolved: string[] = [];
  for (const waiter of await waitersFor(tx, ev.name, ev.received_at)) {
    if (!safeMatch(waiter.op?.opts?.if, { event: waiter.event, async: ev.payload })) continue;
    if (await resolveItem(tx, waiter, { type: "data", data: ev.payload }, now)) resolved.push(waiter.run_id);
  }
  return resolved;
}
