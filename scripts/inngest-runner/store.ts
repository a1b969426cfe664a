/** Queries on the runner's tables. Writes that belong together run in the caller's transaction. */
import { json, type Q } from "./db";
import type { InngestEvent, Op, QueueItem, RunRow, RunStatus, StepResult } from "./types";

export interface StoredEvent {
  seq: string;
  id: string;
  name: string;
  payload: InngestEvent;
  received_at: Date;
}

/** Stores an event unless its id (or the sender's id, within 24 h) was seen; returns the stored id. */
export async function insertEvent(q: Q, e: { id: string; dedupeKey: string | null; payload: InngestEvent; at: Date }): Promise<string> {
  const [row] = await q<{ id: string }[]>`
    insert into inngest_local.events (id, dedupe_key, name, payload, received_at)
    values (${e.id}, ${e.dedupeKey}, ${e.payload.name}, ${json(q, e.payload)}, ${e.at})
    on conflict do nothing returning id`;
  if (row) return row.id;
  const [seen] = await q<{ id: string }[]>`
    select id from inngest_local.events where id = ${e.id} or dedupe_key = ${e.dedupeKey} limit 1`;
  return seen?.id ?? e.id;
}

export const pendingEvents = (q: Q, limit: number) =>
  q<StoredEvent[]>`select seq, id, name, payload, received_at from inngest_local.events
                   where processed_at is null order by seq limit ${limit}`;

export const markEventProcessed = (q: Q, seq: string, at: Date) =>
  q`update inngest_local.events set processed_at = ${at} where seq = ${seq}`;

/** After 24 h the sender's event id may be reused (Inngest's dedupe window). */
export const expireDedupeKeys = (q: Q, before: Date) =>
  q`update inngest_local.events set dedupe_key = null where dedupe_key is not null and received_at < ${before}`;

export async function insertRun(q: Q, run: Omit<RunRow, "output" | "error" | "cancel_reason" | "started_at" | "ended_at" | "version"> & { idempotency_key: string | null; start_deadline: Date | null }) {
  await q`insert into inngest_local.runs (id, function_id, event_id, event, status, concurrency, idempotency_key, created_at, start_deadline)
          values (${run.id}, ${run.function_id}, ${run.event_id}, ${json(q, run.event)}, ${run.status},
                  ${json(q, run.concurrency)}, ${run.idempotency_key}, ${run.created_at}, ${run.start_deadline})`;
}

export async function idempotentRunExists(q: Q, functionId: string, key: string, since: Date): Promise<boolean> {
  const rows = await q`select 1 from inngest_local.runs
                       where function_id = ${functionId} and idempotency_key = ${key} and created_at > ${since} limit 1`;
  return rows.length > 0;
}

export async function getRun(q: Q, id: string, lock = false): Promise<RunRow | undefined> {
  const [run] = lock
    ? await q<RunRow[]>`select * from inngest_local.runs where id = ${id} for update`
    : await q<RunRow[]>`select * from inngest_local.runs where id = ${id}`;
  return run;
}

export function listRuns(q: Q, filter: { status?: string; fn?: string; limit: number }) {
  const status = filter.status ?? null;
  const fn = filter.fn ?? null;
  return q<RunRow[]>`
    select * from inngest_local.runs
    where (${status}::text is null or status = ${status})
      and (${fn}::text is null or function_id = ${fn} or function_id like ${"%-" + (fn ?? "")})
    order by created_at desc, id desc limit ${filter.limit}`;
}

/** Marks the run started at its first request; returns the run when this call started it. */
export async function markStarted(q: Q, id: string, at: Date, finishDeadline: (start: Date) => Date | null) {
  const [run] = await q<RunRow[]>`
    update inngest_local.runs set status = 'running', started_at = ${at}, finish_deadline = ${finishDeadline(at)}
    where id = ${id} and started_at is null and ended_at is null returning *`;
  return run;
}

export async function endRun(q: Q, id: string, status: RunStatus, fields: { output?: unknown; error?: unknown; reason?: string; at: Date }) {
  const [run] = await q<RunRow[]>`
    update inngest_local.runs set status = ${status}, output = ${json(q, fields.output)}, error = ${json(q, fields.error)},
      cancel_reason = ${fields.reason ?? null}, ended_at = ${fields.at}
    where id = ${id} and ended_at is null returning *`;
  if (run) await q`delete from inngest_local.queue where run_id = ${id}`;
  return run;
}

export const setRunVersion = (q: Q, id: string, version: number) =>
  q`update inngest_local.runs set version = ${version} where id = ${id} and version <> ${version}`;

export const activeRunsOf = (q: Q, functionId: string, before: Date) =>
  q<RunRow[]>`select * from inngest_local.runs where function_id = ${functionId} and ended_at is null and created_at < ${before}`;

export const timedOutRuns = (q: Q, now: Date) =>
  q<{ id: string }[]>`select id from inngest_local.runs where ended_at is null
                      and (finish_deadline <= ${now} or (started_at is null and start_deadline <= ${now}))`;

/** Memoized steps with their names and save times, in completion order (for inspection). */
export const stepList = (q: Q, runId: string) =>
  q<{ id: string; name: string | null; result: StepResult; saved_at: Date | null }[]>`
    select id, name, result, saved_at from inngest_local.steps where run_id = ${runId} order by seq`;

/** The memoized steps in completion order, as `steps` and `ctx.stack` of a request. */
export async function memo(q: Q, runId: string): Promise<{ steps: Record<string, StepResult>; stack: string[] }> {
  const rows = await q<{ id: string; result: StepResult }[]>`
    select id, result from inngest_local.steps where run_id = ${runId} order by seq`;
  return { steps: Object.fromEntries(rows.map((r) => [r.id, r.result])), stack: rows.map((r) => r.id) };
}

export const saveStep = (q: Q, runId: string, stepId: string, name: string | undefined, result: StepResult) =>
  q`insert into inngest_local.steps (run_id, id, name, result, saved_at)
    values (${runId}, ${stepId}, ${name ?? null}, ${json(q, result)}, clock_timestamp())
    on conflict do nothing`;

/** Adds a queue item unless the step is already queued or memoized. */
export async function enqueue(q: Q, item: { runId: string; kind: QueueItem["kind"]; stepId: string; dueAt: Date; op?: Op; waitEvent?: string; at: Date }) {
  await q`insert into inngest_local.queue (run_id, kind, step_id, due_at, op, wait_event, created_at)
          select ${item.runId}::text, ${item.kind}::text, ${item.stepId}::text, ${item.dueAt}::timestamptz, ${json(q, item.op)}::jsonb,
                 ${item.waitEvent ?? null}::text, ${item.at}::timestamptz
          where not exists (select 1 from inngest_local.steps where run_id = ${item.runId} and id = ${item.stepId})
          on conflict do nothing`;
}

/** Removes an item; false when it is already gone (resolved by someone else, or the run ended). */
export async function takeItem(q: Q, id: string): Promise<boolean> {
  const rows = await q`delete from inngest_local.queue where id = ${id} returning id`;
  return rows.length > 0;
}

export const rescheduleItem = (q: Q, id: string, fields: { attempt: number; failures: number; dueAt: Date }) =>
  q`update inngest_local.queue set attempt = ${fields.attempt}, failures = ${fields.failures}, due_at = ${fields.dueAt} where id = ${id}`;

export async function pendingCount(q: Q, runId: string): Promise<number> {
  const [row] = await q<{ n: number }[]>`select count(*)::int as n from inngest_local.queue where run_id = ${runId}`;
  return row?.n ?? 0;
}

/** The item as it is now, if it is still due (the caller's copy may predate its completion). */
export async function dueItem(q: Q, id: string, now: Date): Promise<QueueItem | undefined> {
  const [item] = await q<QueueItem[]>`select * from inngest_local.queue where id = ${id} and due_at <= ${now}`;
  return item;
}

export const queueOf = (q: Q, runId: string) =>
  q<QueueItem[]>`select * from inngest_local.queue where run_id = ${runId} order by id`;

export type DueExec = QueueItem & Pick<RunRow, "function_id" | "concurrency">;

export const dueExecs = (q: Q, now: Date, limit: number) =>
  q<DueExec[]>`select q.*, r.function_id, r.concurrency from inngest_local.queue q join inngest_local.runs r on r.id = q.run_id
               where q.kind = 'exec' and q.due_at <= ${now} and r.ended_at is null
               order by q.due_at, q.id limit ${limit}`;

export const dueTimers = (q: Q, now: Date, limit: number) =>
  q<QueueItem[]>`select * from inngest_local.queue where kind in ('sleep', 'wait') and due_at <= ${now} order by due_at, id limit ${limit}`;

/** Waiters for an event name that were waiting when it arrived. */
export const waitersFor = (q: Q, name: string, receivedAt: Date) =>
  q<(QueueItem & { event: InngestEvent })[]>`
    select q.*, r.event from inngest_local.queue q join inngest_local.runs r on r.id = q.run_id
    where q.kind = 'wait' and q.wait_event = ${name} and q.created_at <= ${receivedAt} and r.ended_at is null
    order by q.id`;
