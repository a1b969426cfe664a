import { db } from "@/lib/db/client";
import { EVENTS } from "@/lib/inngest/client";
import { enqueueEvent, kickOutbox } from "./outbox";

/** Announces that a job stopped (cancel, timeout): the render function and backend requests end. */
export async function enqueueJobStop(jobId: string, reason: "canceled" | "timeout"): Promise<void> {
  await enqueueEvent(db(), EVENTS.jobCanceled, { job_id: jobId, reason });
  kickOutbox();
}
