import { eq, sql } from "drizzle-orm";
import { jobs, projects } from "@/drizzle/schema";
import { applyCredits } from "@/lib/credits/service";
import type { DbOrTx } from "@/lib/db/client";
import type { JobRow } from "./access";
import { appendJobEvent } from "./events";
import { presignOutput } from "./storage";
import type { JobEventType, JobOutput, JobProgress } from "./schemas";
import { canTransition, refundFor, type FailureType, type JobStatus } from "./state";
import { adjustStorage } from "@/lib/storage/counters";
import { bumpUsage } from "./usage";

/**
 * The one way a job changes status (spec part 4 §2): lock the row, check the state table, write
 * the new status conditionally on the one read, refund per the policy, append the event and move
 * the project — all in the caller's transaction. Returns null when the transition is not allowed
 * (already terminal, a retried step, a late callback): callers decide whether that is a 409.
 */
export type TransitionInput =
  | { to: "processing" }
  | { to: "completed"; output: JobOutput; outputSizeBytes: number; renderSeconds: number }
  | { to: "failed"; failureType: Exclude<FailureType, "canceled">; error: { code: string; message: string; scene_id?: string } }
  | { to: "canceled"; canceledBy: string | null };

export async function lockJob(tx: DbOrTx, jobId: string): Promise<JobRow | null> {
  const [row] = await tx.select().from(jobs).where(eq(jobs.id, jobId)).for("update");
  return row ?? null;
}

function progressOf(row: JobRow): JobProgress {
  return { phase: "queued", percent: 0, scenes_completed: 0, scenes_total: 0, ...(row.progress as Partial<JobProgress>) };
}

function statusFields(row: JobRow, input: TransitionInput, refund: number) {
  const now = new Date();
  const progress = progressOf(row);
  switch (input.to) {
    case "processing":
      return { startedAt: now, progress: { ...progress, phase: "initializing" as const } };
    case "completed":
      return {
        completedAt: now,
        output: input.output,
        outputSizeBytes: input.outputSizeBytes,
        progress: { ...progress, phase: "done" as const, percent: 100, current_scene: null },
      };
    case "failed":
      return { completedAt: now, error: input.error, failureType: input.failureType, creditsRefunded: refund };
    case "canceled":
      return { completedAt: now, failureType: "canceled" as const, canceledBy: input.canceledBy, creditsRefunded: refund };
  }
}

function eventFor(input: TransitionInput, row: JobRow, refund: number): [JobEventType, Record<string, unknown>] {
  const percent = progressOf(row).percent;
  switch (input.to) {
    case "processing":
      return ["started", { status: "processing", phase: "initializing", percent }];
    case "completed":
      return ["completed", { status: "completed", percent: 100 }]; // output added by completedOutput()
    case "failed":
      return ["failed", { status: "failed", failure_type: input.failureType, error: input.error, credits_refunded: refund, percent }];
    case "canceled":
      return ["canceled", { status: "canceled", canceled_by: input.canceledBy, credits_refunded: refund, percent }];
  }
}

/** The completed event's output: presigned 1 h at the time of the event (GET the job for fresh URLs). */
async function completedOutput(o: JobOutput) {
  const [video_url, thumbnail_url] = await Promise.all([presignOutput(o.video_key), presignOutput(o.thumbnail_key)]);
  return { video_url, thumbnail_url, duration: o.duration, resolution: o.resolution, size_bytes: o.size_bytes };
}

const PROJECT_AFTER: Partial<Record<JobStatus, "completed" | "draft">> = { completed: "completed", failed: "draft", canceled: "draft" };

export async function transitionJob(tx: DbOrTx, jobId: string, input: TransitionInput): Promise<JobRow | null> {
  const row = await lockJob(tx, jobId);
  if (!row || !canTransition(row.status as JobStatus, input.to)) return null;
  const outcome = input.to === "failed" ? input.failureType : input.to === "canceled" ? "canceled" : "completed";
  const refund = input.to === "processing" ? 0 : refundFor(outcome, row.creditsCharged, progressOf(row).percent);
  const [updated] = await tx
    .update(jobs)
    .set({ status: input.to, ...statusFields(row, input, refund) })
    .where(sql`${jobs.id} = ${jobId} and ${jobs.status} = ${row.status}`)
    .returning();
  if (!updated) return null;
  if (refund > 0) {
    await applyCredits(tx, { owner: row.owner, delta: refund, reason: "job_refund", jobId, note: outcome });
    await bumpUsage(tx, row.owner, { creditsRefunded: refund });
  }
  if (input.to === "completed") {
    await adjustStorage(tx, row.owner, input.outputSizeBytes);
    await bumpUsage(tx, row.owner, { renderSeconds: input.renderSeconds });
  }
  const [type, payload] = eventFor(input, row, refund);
  if (input.to === "completed") payload.output = await completedOutput(input.output);
  await appendJobEvent(tx, jobId, type, payload, updated);
  const projectStatus = PROJECT_AFTER[input.to];
  if (row.projectId && projectStatus) {
    await tx.update(projects).set({ status: projectStatus }).where(sql`${projects.id} = ${row.projectId} and ${projects.status} = 'rendering'`);
  }
  return updated;
}

/** Progress without a status change (phase, percent, scene counts), with its event. No-op once terminal. */
export async function recordProgress(
  tx: DbOrTx,
  jobId: string,
  patch: Partial<JobProgress>,
  event: { type: "progress" | "scene_complete"; payload?: Record<string, unknown> } = { type: "progress" },
): Promise<JobRow | null> {
  const row = await lockJob(tx, jobId);
  if (!row || row.status !== "processing") return null;
  const before = progressOf(row);
  const progress = { ...before, ...patch };
  progress.percent = Math.max(before.percent, Math.min(100, Math.round(progress.percent)));
  // A retried step reports the same progress again: no second event.
  const same = (Object.keys(progress) as (keyof JobProgress)[]).every((k) => progress[k] === before[k]);
  if (event.type === "progress" && same) return row;
  const [updated] = await tx.update(jobs).set({ progress }).where(eq(jobs.id, jobId)).returning();
  await appendJobEvent(tx, jobId, event.type, { ...progress, ...event.payload }, updated);
  return updated ?? null;
}
