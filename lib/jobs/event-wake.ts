/**
 * Wakes the job event hub when PostgreSQL announces a new event: the job_events_notify trigger
 * (migration 0006) NOTIFYs `framecast_job_events` with the job id at commit, and one dedicated
 * LISTEN connection per process calls `hub.wake(jobId)`. The embedded PGlite has no LISTEN: there
 * the hub keeps its poll timer alone (as it does everywhere while the listener reconnects).
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import type { JobEventHub } from "./event-stream-hub";

export const JOB_EVENTS_CHANNEL = "framecast_job_events";

/** PGlite reports a WebAssembly build; LISTEN there is accepted but never delivers. */
export async function supportsListen(db: Db): Promise<boolean> {
  const [row] = await db.execute<{ version: string }>(sql`select version() as version`);
  return !/wasm|emscripten/i.test(row?.version ?? "");
}

/**
 * Starts listening for `hub` on `db`'s server (no-op without LISTEN support); resolves with a
 * stop function, or null when the hub stays on its timer alone.
 */
export async function listenForJobEvents(db: Db, hub: JobEventHub): Promise<(() => Promise<void>) | null> {
  const client = db.$client as Partial<Db["$client"]>;
  if (typeof client.listen !== "function" || !(await supportsListen(db))) return null;
  const sub = await client.listen(
    JOB_EVENTS_CHANNEL,
    (jobId) => hub.wake(jobId),
    // Also after a reconnect: whatever was announced meanwhile is read now.
    () => hub.wake(),
  );
  return () => sub.unlisten();
}

const globalForWake = globalThis as unknown as { framecastJobEventWake?: Promise<unknown> };

/** Once per process: the hub's listener (a failure only logs; the timer still delivers). */
export function startJobEventWake(db: Db, hub: JobEventHub): void {
  globalForWake.framecastJobEventWake ??= listenForJobEvents(db, hub).catch((err: unknown) => {
    log.warn({ err }, "job events: LISTEN unavailable; the hub polls on its timer");
    globalForWake.framecastJobEventWake = undefined;
    return null;
  });
}
