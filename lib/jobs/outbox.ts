import { inArray, sql } from "drizzle-orm";
import { outbox } from "@/drizzle/schema";
import { db as defaultDb, type DbOrTx } from "@/lib/db/client";
import { inngest, type EventName } from "@/lib/inngest/client";
import { log } from "@/lib/log";

/**
 * Transactional outbox (spec part 4 §1.5): an event is written in the same transaction as the
 * change it announces, then delivered to Inngest by `drainOutbox`. A crash between commit and
 * send leaves the row pending; the next drain sends it. Inngest dedupes by event id, so a row sent
 * twice (lease expired mid-send) starts nothing twice.
 */
export async function enqueueEvent(tx: DbOrTx, name: EventName, data: Record<string, unknown>): Promise<void> {
  await tx.insert(outbox).values({ name, payload: data });
}

const LEASE_SECONDS = 30;
const BATCH = 50;

interface Claimed {
  id: number;
  event_id: string;
  name: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/** Claims due rows with a lease (no transaction stays open while sending). */
async function claim(database: DbOrTx): Promise<Claimed[]> {
  const rows = await database.execute(sql`
    update outbox set available_at = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = attempts + 1
    where id in (
      select id from outbox where sent_at is null and available_at <= now()
      order by id limit ${BATCH} for update skip locked)
    returning id, event_id, name, payload, attempts`);
  return rows as unknown as Claimed[];
}

/** Backs the rows off exponentially by their attempt count (2, 4, 8 … 256 s, at most 5 min). */
async function markFailed(database: DbOrTx, rows: Claimed[], error: string) {
  await database
    .update(outbox)
    .set({ lastError: error.slice(0, 1000), availableAt: sql`now() + make_interval(secs => least(300, power(2, least(${outbox.attempts}, 8))))` })
    .where(inArray(outbox.id, rows.map((r) => Number(r.id))));
}

/** Sends every due outbox row; returns how many were sent. */
export async function drainOutbox(database: DbOrTx = defaultDb()): Promise<number> {
  let sent = 0;
  for (;;) {
    const rows = await claim(database);
    if (rows.length === 0) return sent;
    try {
      await inngest().send(rows.map((r) => ({ id: r.event_id, name: r.name, data: r.payload })));
      await database
        .update(outbox)
        .set({ sentAt: sql`now()`, lastError: null })
        .where(inArray(outbox.id, rows.map((r) => Number(r.id))));
      sent += rows.length;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log.warn({ err: message, count: rows.length }, "outbox: send failed, will retry");
      await markFailed(database, rows, message);
      return sent;
    }
  }
}

let draining: Promise<unknown> | null = null;
let again = false;

/** Fire-and-forget drain after a commit; coalesces concurrent kicks. */
export function kickOutbox(): void {
  if (draining) {
    again = true;
    return;
  }
  draining = drainOutbox()
    .catch((err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err) }, "outbox: drain failed"))
    .finally(() => {
      draining = null;
      if (again) {
        again = false;
        kickOutbox();
      }
    });
}

let pump: NodeJS.Timeout | undefined;

/** Periodic drain in every app process: delivers what a crashed process left behind. */
export function startOutboxPump(intervalMs = 2000): void {
  if (pump) return;
  pump = setInterval(kickOutbox, intervalMs);
  pump.unref();
}
