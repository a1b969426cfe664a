import { and, eq, like, sql } from "drizzle-orm";
import { jobs, renderRequests } from "@/drizzle/schema";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { observeStitchDuration } from "@/lib/ops/metrics";
import { stitchWorker } from "@/lib/render/local-backend";
import { audioRefs, planAudio } from "@/lib/render/audio-plan";
import { segmentClipKey } from "@/lib/render/segments-store";
import type { BackendResult } from "@/lib/render/types";
import type { StitchJobOutput, StitchJobRequest } from "@/lib/render/worker-schemas";
import { buckets } from "@/lib/storage/s3";
import { buildPlan } from "@/lib/storyboard/playback";
import type { RenderOptions, Storyboard } from "@/lib/storyboard/schema";
import type { JobRow } from "./access";
import { findAssetObject } from "./assets";
import { callbackUrl } from "./callback-token";
import { cancelRenderRequests, backendFor, PERCENT, recordBackendResult } from "./render-steps";
import { renderBackend } from "@/lib/render/backends";
import { DIMENSIONS, sceneSeed, scenesToRender } from "./scene-request";
import type { JobOutput } from "./schemas";
import { jobPrefix, sceneClipKey } from "./storage";
import { lockJob, recordProgress, transitionJob } from "./transition";

/** A problem with the storyboard's inputs found mid-job (missing asset…): a `validation` failure. */
export class RenderInputError extends Error {
  override name = "RenderInputError";
}

/**
 * The stitch's row in render_requests: a scene id no storyboard can use (scene ids are
 * `[a-z0-9_-]`), so submission is idempotent, the callback route records the worker's report once
 * and announces it as `framecast/scene.completed` with this scene id, and cancel reaches it.
 */
export const STITCH_SCENE_ID = "@stitch";
/** A stitch that failed for a reason other than its inputs (worker restarted, S3 hiccup) is submitted again, up to this many times. */
export const STITCH_ATTEMPTS = 3;

/** The bar while stitching: 85 → 94 as the worker reports ffmpeg's progress (95 is finalizing). */
export function stitchPercent(fraction: number): number {
  const span = PERCENT.finalizing - PERCENT.stitching;
  return Math.min(PERCENT.finalizing - 1, PERCENT.stitching + Math.floor(Math.min(1, Math.max(0, fraction)) * span));
}

/** How often, at most, a long stitch moves the progress bar. */
const STITCH_PROGRESS_MS = 2000;

/**
 * Reports stitch progress (0..1) as it comes, at most one update every 2 s, never two at once. The
 * render function records the worker's reports at each check instead (see checkStitch).
 */
export function stitchProgress(jobId: string, intervalMs = STITCH_PROGRESS_MS): (fraction: number) => void {
  let last: number = PERCENT.stitching;
  let lastAt = Date.now();
  let busy = false;
  return (fraction) => {
    const percent = stitchPercent(fraction);
    if (busy || percent <= last || Date.now() - lastAt < intervalMs) return;
    busy = true;
    last = percent;
    lastAt = Date.now();
    db()
      .transaction((tx) => recordProgress(tx, jobId, { percent }))
      .catch((err: unknown) => log.warn({ err, jobId }, "recording stitch progress failed"))
      .finally(() => (busy = false));
  };
}

async function loadJob(jobId: string): Promise<JobRow | null> {
  const [row] = await db().select().from(jobs).where(eq(jobs.id, jobId));
  return row ?? null;
}

async function stitchRow(jobId: string) {
  const [rr] = await db()
    .select()
    .from(renderRequests)
    .where(and(eq(renderRequests.jobId, jobId), eq(renderRequests.sceneId, STITCH_SCENE_ID)));
  return rr ?? null;
}

/** Scenes the GPU generated as a chain (render_requests `scene#i`) → their segment clips, in order. */
async function segmentClips(job: JobRow): Promise<StitchJobRequest["segments"]> {
  const rows = await db()
    .select({ sceneId: renderRequests.sceneId })
    .from(renderRequests)
    .where(and(eq(renderRequests.jobId, job.id), like(renderRequests.sceneId, "%#%")));
  const counts = new Map<string, number>();
  for (const { sceneId } of rows) {
    const scene = sceneId.slice(0, sceneId.lastIndexOf("#"));
    counts.set(scene, (counts.get(scene) ?? 0) + 1);
  }
  const out: StitchJobRequest["segments"] = {};
  for (const [scene, count] of counts) {
    const sceneKey = sceneClipKey(job.owner, job.id, scene);
    out[scene] = Array.from({ length: count }, (_, i) => ({ bucket: buckets().outputs, key: segmentClipKey(sceneKey, i) }));
  }
  return out;
}

/** Everything the worker's stitch needs, as JSON: clip and sound objects, not files. */
async function stitchRequest(job: JobRow): Promise<StitchJobRequest> {
  const sb = job.specSnapshot as Storyboard;
  const options = job.options as RenderOptions;
  const plan = buildPlan(sb);
  const clips: StitchJobRequest["clips"] = {};
  for (const sceneId of scenesToRender(plan.clips)) clips[sceneId] = { bucket: buckets().outputs, key: sceneClipKey(job.owner, job.id, sceneId) };
  const audio: StitchJobRequest["audio"] = {};
  for (const id of audioRefs(planAudio(sb, plan))) {
    const obj = await findAssetObject(id);
    if (!obj) throw new RenderInputError(`The audio asset ${id} does not exist or is not ready.`);
    audio[id] = obj;
  }
  const prefix = jobPrefix(job.owner, job.id);
  return {
    kind: "stitch",
    jobId: job.id,
    storyboard: sb as unknown as Record<string, unknown>,
    plan: plan as unknown as Record<string, unknown>,
    clips,
    segments: await segmentClips(job),
    audio,
    ...DIMENSIONS[options.resolution ?? "720p"],
    fps: options.fps ?? 24,
    output: {
      video: { bucket: buckets().outputs, key: `${prefix}final.mp4` },
      thumbnail: { bucket: buckets().outputs, key: `${prefix}thumbnail.jpg` },
    },
  };
}

/**
 * Stitch step 1: the bar enters `stitching` (85 %) and the stitch goes to the render worker, unless
 * a live request exists (a retried step submits nothing twice) — a failed one is submitted again.
 * A sound that is gone fails the job as `validation`. Returns "stopped" once the job is terminal.
 */
export async function submitStitch(jobId: string): Promise<"submitted" | "stopped"> {
  const moved = await db().transaction((tx) => recordProgress(tx, jobId, { phase: "stitching", percent: PERCENT.stitching, current_scene: null }));
  if (!moved) return "stopped";
  const existing = await stitchRow(jobId);
  if (existing && existing.status !== "submitting" && existing.status !== "failed") return existing.status === "canceled" ? "stopped" : "submitted";
  let request: StitchJobRequest;
  try {
    request = await stitchRequest(moved);
  } catch (err) {
    if (!(err instanceof RenderInputError)) throw err;
    await failJob(jobId, { type: "validation", code: "INVALID_INPUT", message: err.message });
    return "stopped";
  }
  if (!existing) await db().insert(renderRequests).values({ jobId, sceneId: STITCH_SCENE_ID, backend: "local" }).onConflictDoNothing();
  const { requestId } = await stitchWorker().submit(request, await callbackUrl(jobId, STITCH_SCENE_ID));
  await db()
    .update(renderRequests)
    .set({ requestId, status: "submitted", result: null, error: null, attempt: sql`${renderRequests.attempt} + ${existing ? 1 : 0}` })
    .where(and(eq(renderRequests.jobId, jobId), eq(renderRequests.sceneId, STITCH_SCENE_ID)));
  return "submitted";
}

export type StitchState =
  | { state: "done" }
  | { state: "pending" }
  | { state: "stopped" }
  /** Failed, attempts left: submit again. */
  | { state: "retry"; error: string }
  | { state: "failed"; error: string; invalidInput: boolean };

/**
 * Stitch step 2, at every check: asks the worker where the stitch stands (the callback may already
 * have said), records its progress on the bar, and records a terminal report once.
 */
export async function checkStitch(jobId: string): Promise<StitchState> {
  const job = await loadJob(jobId);
  if (!job || job.status !== "processing") return { state: "stopped" };
  let rr = await stitchRow(jobId);
  if (!rr) return { state: "failed", error: "The stitch was never submitted.", invalidInput: false };
  if (rr.status === "submitted" && rr.requestId) {
    const result = await stitchWorker().status(rr.requestId);
    const progress = result.status === "IN_PROGRESS" ? result.output?.progress : undefined;
    if (typeof progress === "number") await db().transaction((tx) => recordProgress(tx, jobId, { percent: stitchPercent(progress) }));
    if (await recordBackendResult(jobId, STITCH_SCENE_ID, result)) rr = (await stitchRow(jobId))!;
  }
  const result = rr.result as BackendResult | null;
  if (rr.status === "completed") return result?.output?.video ? { state: "done" } : { state: "failed", error: "The stitch worker reported no video.", invalidInput: false };
  if (rr.status === "canceled") return { state: "stopped" };
  if (rr.status === "failed") {
    const error = rr.error ?? "The stitch worker reported a failure.";
    if (result?.output?.error_code === "INVALID_INPUT") return { state: "failed", error, invalidInput: true };
    if (rr.attempt < STITCH_ATTEMPTS) return { state: "retry", error };
    if (result?.executionTime !== undefined) observeStitchDuration("failed", result.executionTime / 1000);
    return { state: "failed", error, invalidInput: false };
  }
  return { state: "pending" };
}

/**
 * Stitch step 3: the worker has uploaded final.mp4 and thumbnail.jpg; the bar goes to finalizing
 * and the output (keys, not URLs) is returned for the completion step, or null if the job stopped.
 */
export async function finishStitch(jobId: string): Promise<(JobOutput & { render_seconds: number }) | null> {
  const moved = await db().transaction((tx) => recordProgress(tx, jobId, { phase: "finalizing", percent: PERCENT.finalizing }));
  const job = moved ?? (await loadJob(jobId));
  if (!job || job.status !== "processing") return null;
  const rr = await stitchRow(jobId);
  const result = rr?.result as { output?: StitchJobOutput; executionTime?: number } | null;
  const out = result?.output;
  if (!out?.video) throw new Error("The stitch has no recorded output.");
  // Once per job (a retried step finds the bar already at finalizing): the worker's own run time.
  if (moved && result?.executionTime !== undefined) observeStitchDuration("completed", result.executionTime / 1000);
  const options = job.options as RenderOptions;
  const dims = DIMENSIONS[options.resolution ?? "720p"];
  const plan = buildPlan(job.specSnapshot as Storyboard);
  const scenes = scenesToRender(plan.clips);
  const backend = backendFor(options);
  return {
    video_key: out.video.key,
    thumbnail_key: out.thumbnail.key,
    duration: Math.round(out.duration * 1000) / 1000,
    resolution: `${dims.width}x${dims.height}`,
    format: "mp4",
    size_bytes: out.size_bytes,
    scene_clips: scenes.map((scene_id) => ({ scene_id, key: sceneClipKey(job.owner, jobId, scene_id) })),
    metadata: {
      backend,
      model: renderBackend(backend).model,
      seed: sceneSeed(options, jobId, scenes[0] ?? ""),
      generation_time_ms: Date.now() - (job.startedAt?.getTime() ?? Date.now()),
    },
    render_seconds: Math.round(out.duration),
  };
}

/**
 * Stitch step 3 and the completion in one step (one round trip to the app fewer): true once the job
 * is completed — also when a retried step finds it completed already.
 */
export async function finishAndComplete(jobId: string): Promise<boolean> {
  const output = await finishStitch(jobId);
  if (output && (await completeJob(jobId, output))) return true;
  return (await loadJob(jobId))?.status === "completed";
}

export async function completeJob(jobId: string, out: JobOutput & { render_seconds: number }): Promise<boolean> {
  const { render_seconds, ...output } = out;
  const done = await db().transaction((tx) =>
    transitionJob(tx, jobId, { to: "completed", output, outputSizeBytes: output.size_bytes, renderSeconds: render_seconds }),
  );
  return done !== null;
}

/** Fails the job (refund per policy) and cancels what still runs on the backend. */
export async function failJob(
  jobId: string,
  failure: { type: "system" | "validation" | "timeout"; code: string; message: string; sceneId?: string },
): Promise<boolean> {
  const done = await db().transaction(async (tx) => {
    const row = await lockJob(tx, jobId);
    // A timeout can strike a job that never started: it passes through processing in the same transaction.
    if (failure.type === "timeout" && row?.status === "queued") await transitionJob(tx, jobId, { to: "processing" });
    return transitionJob(tx, jobId, {
      to: "failed",
      failureType: failure.type,
      error: { code: failure.code, message: failure.message, ...(failure.sceneId ? { scene_id: failure.sceneId } : {}) },
    });
  });
  await cancelRenderRequests(jobId).catch((err: unknown) => log.warn({ err, jobId }, "cancelling backend requests failed"));
  return done !== null;
}
