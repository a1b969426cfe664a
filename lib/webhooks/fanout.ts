/**
 * Job events become webhook deliveries (spec part 4 §6): for a team or membership URN job, each
 * active webhook of the team subscribed to the event gets a delivery row and an outbox event for
 * the delivery function — in the transaction that writes the job event, so none is lost.
 * `job.progress` goes out at most once a second per job and webhook.
 */
import { randomUUID } from "node:crypto";
import { and, arrayContains, eq, gt, sql } from "drizzle-orm";
import { jobs, webhookDeliveries, webhooks } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";
import { EVENTS } from "@/lib/inngest/client";
import { enqueueEvent } from "@/lib/jobs/outbox";
import type { JobOutput } from "@/lib/jobs/schemas";
import { presignOutput } from "@/lib/jobs/storage";
import { parseUrn } from "@/lib/urn";

type JobRow = typeof jobs.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const WEBHOOK_EVENT: Record<string, string | undefined> = {
  queued: "job.queued",
  started: "job.started",
  progress: "job.progress",
  completed: "job.completed",
  failed: "job.failed",
  canceled: "job.canceled",
};

/** The job fields each event carries. */
async function jobFields(event: string, j: JobRow): Promise<Record<string, unknown>> {
  switch (event) {
    case "job.queued":
    case "job.started":
      return { id: j.id, owner: j.owner, project_id: j.projectId, triggered_by: j.triggeredBy, status: j.status, created_at: j.createdAt.toISOString() };
    case "job.progress":
      return { id: j.id, status: j.status, progress: j.progress };
    case "job.completed": {
      const out = j.output as JobOutput;
      const [video_url, thumbnail_url] = await Promise.all([presignOutput(out.video_key), presignOutput(out.thumbnail_key)]);
      return {
        id: j.id,
        owner: j.owner,
        project_id: j.projectId,
        status: j.status,
        output: { video_url, thumbnail_url, duration: out.duration, resolution: out.resolution, size_bytes: out.size_bytes },
        credits_charged: j.creditsCharged,
        started_at: iso(j.startedAt),
        completed_at: iso(j.completedAt),
      };
    }
    case "job.failed":
      return { id: j.id, status: j.status, failure_type: j.failureType, error: j.error, progress: j.progress, credits_charged: j.creditsCharged, credits_refunded: j.creditsRefunded, completed_at: iso(j.completedAt) };
    default:
      return { id: j.id, status: j.status, canceled_by: j.canceledBy, progress: j.progress, credits_charged: j.creditsCharged, credits_refunded: j.creditsRefunded, completed_at: iso(j.completedAt) };
  }
}

/** A delivery row (its id is in the body) and the event that sends it. */
export async function createDelivery(tx: DbOrTx, webhookId: string, event: string, fields: Record<string, unknown>, jobId: string | null) {
  const id = randomUUID();
  const payload = { event, timestamp: new Date().toISOString(), delivery_id: id, ...fields };
  const [row] = await tx.insert(webhookDeliveries).values({ id, webhookId, jobId, eventType: event, payload }).returning();
  await enqueueEvent(tx, EVENTS.webhookDelivery, { delivery_id: id });
  return row!;
}

/** `known`: the job row as the caller just wrote it (not read again); personal jobs have no webhooks. */
export async function enqueueJobWebhooks(tx: DbOrTx, jobId: string, type: string, known?: JobRow): Promise<void> {
  const event = WEBHOOK_EVENT[type];
  if (!event) return;
  if (known && parseUrn(known.owner)?.kind === "user") return;
  const job = known ?? (await tx.select().from(jobs).where(eq(jobs.id, jobId)))[0];
  const urn = job ? parseUrn(job.owner) : null;
  if (!job || !urn || urn.kind === "user") return;
  const hooks = await tx
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(and(eq(webhooks.teamId, urn.teamId), eq(webhooks.isActive, true), arrayContains(webhooks.events, [event])));
  if (hooks.length === 0) return;
  const fields = { job: await jobFields(event, job) };
  for (const hook of hooks) {
    if (event === "job.progress") {
      const [recent] = await tx
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.webhookId, hook.id),
            eq(webhookDeliveries.jobId, jobId),
            eq(webhookDeliveries.eventType, event),
            gt(webhookDeliveries.createdAt, sql`now() - interval '1 second'`),
          ),
        )
        .limit(1);
      if (recent) continue;
    }
    await createDelivery(tx, hook.id, event, fields, jobId);
  }
}
