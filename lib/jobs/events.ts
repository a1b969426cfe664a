import { sql } from "drizzle-orm";
import { jobEvents } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";
import { enqueueJobWebhooks } from "@/lib/webhooks/fanout";
import type { JobEventType } from "./schemas";

/**
 * Appends the job's next event, and queues the team's webhook deliveries for it. The caller must hold the job row lock (every writer updates the
 * job row in the same transaction first), so `max + 1` cannot race; the DB trigger checks it too.
 */
export async function appendJobEvent(
  tx: DbOrTx,
  jobId: string,
  type: JobEventType,
  payload: Record<string, unknown>,
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
  await enqueueJobWebhooks(tx, jobId, type);
  return row!.sequence;
}
