import { sql } from "drizzle-orm";
import { jobEvents } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";
import { enqueueJobWebhooks } from "@/lib/webhooks/fanout";
import type { JobRow } from "./access";
import type { JobEventType } from "./schemas";

/**
 * Appends the job's next event, and queues the team's webhook deliveries for it. The caller must hold the job row lock (every writer updates the
 * job row in the same transaction first), so `max + 1` cannot race; the DB trigger checks it too.
 * `job`: the row as the caller just wrote it, so the webhook fan-out need not read it again.
 */
export async function appendJobEvent(
  tx: DbOrTx,
  jobId: string,
  type: JobEventType,
  payload: Record<string, unknown>,
  job?: JobRow,
): Promise<number> {
  const [row] = await tx
    .insert(jobEvents)
    .values({
      jobId,
      eventType: type,
      payload,
      sequence: sql`(select coalesce(max(${jobEvents.sequence}), 0) + 1 from ${jobEvents} where ${jobEvents.jobId} = ${jobId})`,
    })
    .returning({ sequence: jobEvents.sequence });
  await enqueueJobWebhooks(tx, jobId, type, job);
  return row!.sequence;
}
