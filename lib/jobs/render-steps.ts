import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { jobs, renderRequests } from "@/drizzle/schema";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { renderBackend } from "@/lib/render/backends";
import { clipSource, lastFrameSource, noClipMessage } from "@/lib/render/clip-output";
import { GPU_OOM_MESSAGE } from "@/lib/render/comfyui/errors";
import { RenderRequestError } from "@/lib/render/queue-client";
import { segmentKey } from "@/lib/render/segments";
import { copyOutput, lastFrameKey, segmentClipKey } from "@/lib/render/segments-store";
import type { BackendName, BackendResult } from "@/lib/render/types";
import { buckets } from "@/lib/storage/s3";
import { buildPlan } from "@/lib/storyboard/playback";
import type { RenderOptions, Storyboard } from "@/lib/storyboard/schema";
import type { JobRow } from "./access";
import { callbackUrl } from "./callback-token";
import { failIfAssetsMissing, findAssetObject } from "./assets";
import { composePrompt, DIMENSIONS, sceneSeed, sceneSegments, scenesToRender } from "./scene-request";
import { presignOutput, sceneClipKey, storeClip } from "./storage";
import { lockJob, recordProgress, transitionJob } from "./transition";

/**
 * The render function's steps (spec part 4 §2). Each is idempotent: it reads the job and its
 * render_requests first and does nothing twice, so Inngest may retry any of them, and each
 * stops quietly once the job is terminal (canceled, timed out).
 */

export const PERCENT = { generatingFrom: 5, generatingTo: 85, stitching: 85, finalizing: 95 } as const;

export interface StartInfo {
  owner: string;
  scenes: string[];
  /** How many chained segments each scene is generated in (1 unless the GPU backend chains it). */
  segments: Record<string, number>;
  backend: BackendName;
  maxParallel: number;
}

async function loadJob(jobId: string): Promise<JobRow | null> {
  const [row] = await db().select().from(jobs).where(eq(jobs.id, jobId));
  return row ?? null;
}

export function backendFor(options: RenderOptions): BackendName {
  return options.preview ? "local" : config().RENDER_BACKEND;
}

/** queued → processing (a retried start finds it processing and carries on); fails at once if an asset file is gone. */
export async function startJob(jobId: string): Promise<StartInfo | null> {
  await db().transaction((tx) => transitionJob(tx, jobId, { to: "processing" }));
  const row = await loadJob(jobId);
  if (!row || row.status !== "processing") return null;
  if (await failIfAssetsMissing(jobId, row.specSnapshot as Storyboard)) return null;
  const plan = buildPlan(row.specSnapshot as Storyboard);
  const backend = backendFor(row.options as RenderOptions);
  const scenes = scenesToRender(plan.clips);
  await db().transaction((tx) => recordProgress(tx, jobId, { phase: "generating", percent: PERCENT.generatingFrom, scenes_total: scenes.length }));
  const sb = row.specSnapshot as Storyboard;
  const segments = Object.fromEntries(scenes.map((id) => [id, sceneSegments(backend, sb, id).length]));
  return { owner: row.owner, scenes, segments, backend, maxParallel: renderBackend(backend).maxParallel };
}

async function requestRow(jobId: string, sceneId: string) {
  const [rr] = await db()
    .select()
    .from(renderRequests)
    .where(and(eq(renderRequests.jobId, jobId), eq(renderRequests.sceneId, sceneId)));
  return rr ?? null;
}

export type SubmitOutcome = "submitted" | "stopped" | { failed: { type: "validation" | "system"; code: string; message: string } };

/**
 * Submits segment `index` of the scene (the whole scene when it is one segment) unless a live request
 * exists; returns "stopped" once the job is terminal. A later segment starts from the previous one's
 * last frame, stored beside its clip. A request we refuse to send fails the job with its type.
 */
export async function submitScene(jobId: string, sceneId: string, index = 0): Promise<SubmitOutcome> {
  const job = await loadJob(jobId);
  if (!job || job.status !== "processing") return "stopped";
  const options = job.options as RenderOptions;
  const name = backendFor(options);
  const sb = job.specSnapshot as Storyboard;
  const segments = sceneSegments(name, sb, sceneId);
  const key = segmentKey(sceneId, index, segments.length);
  const existing = await requestRow(jobId, key);
  if (existing && existing.status !== "submitting" && existing.status !== "failed") return "submitted";
  if (!existing) {
    await db().insert(renderRequests).values({ jobId, sceneId: key, backend: name }).onConflictDoNothing();
  }
  const scene = sb.scenes.find((s) => s.id === sceneId)!;
  const composed = composePrompt(sb, sceneId);
  const clipKey = sceneClipKey(job.owner, jobId, sceneId);
  const reference =
    index > 0
      ? { bucket: buckets().outputs, key: lastFrameKey(clipKey, index - 1) }
      : composed.referenceAssetId
        ? await findAssetObject(composed.referenceAssetId)
        : null;
  const dims = DIMENSIONS[options.resolution ?? "720p"];
  const segment = segments[index];
  let requestId: string;
  try {
    ({ requestId } = await renderBackend(name).submit({
      jobId,
      sceneId,
      prompt: composed.prompt,
      negativePrompt: composed.negative,
      duration: scene.duration,
      ...dims,
      fps: options.fps ?? 24,
      seed: sceneSeed(options, jobId, sceneId),
      ...(reference ? { referenceImage: reference } : {}),
      ...(segment ? { segment } : {}),
      output: { bucket: buckets().outputs, key: clipKey },
      callbackUrl: await callbackUrl(jobId, key),
    }));
  } catch (err) {
    if (!(err instanceof RenderRequestError)) throw err;
    log.warn({ jobId, sceneId, key, code: err.code, error: err.message }, "render request refused before submitting");
    await db().update(renderRequests).set({ status: "failed", error: err.message }).where(and(eq(renderRequests.jobId, jobId), eq(renderRequests.sceneId, key)));
    return { failed: { type: err.failure, code: err.code, message: err.message } };
  }
  await db()
    .update(renderRequests)
    .set({ requestId, status: "submitted", result: null, error: null, attempt: sql`${renderRequests.attempt} + ${existing ? 1 : 0}` })
    .where(and(eq(renderRequests.jobId, jobId), eq(renderRequests.sceneId, key)));
  return "submitted";
}

const TERMINAL_BACKEND = new Set(["COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"]);

/** Records a backend report (callback or poll) once; later reports for the same request are ignored. */
export async function recordBackendResult(jobId: string, sceneId: string, result: BackendResult): Promise<boolean> {
  if (!TERMINAL_BACKEND.has(result.status)) return false;
  const updated = await db()
    .update(renderRequests)
    .set({ result, status: result.status === "COMPLETED" ? "completed" : "failed", error: result.error ?? null })
    .where(
      and(
        eq(renderRequests.jobId, jobId),
        eq(renderRequests.sceneId, sceneId),
        eq(renderRequests.requestId, result.id),
        eq(renderRequests.status, "submitted"),
      ),
    )
    .returning({ id: renderRequests.id });
  return updated.length > 0;
}

/**
 * The live request's result read from the backend's `/status`: for a callback whose body was too
 * large to read (RunPod's base64 mode puts the whole clip in it). Null when no live request.
 */
export async function liveRequestStatus(jobId: string, key: string): Promise<BackendResult | null> {
  const rr = await requestRow(jobId, key);
  if (!rr?.requestId || rr.status !== "submitted") return null;
  return renderBackend(rr.backend as BackendName).status(rr.requestId);
}

export type SceneState = { state: "done" } | { state: "pending" } | { state: "stopped" } | { state: "failed"; error: string; code?: string };

/**
 * Where the request `sceneId` (a scene, or a segment `scene#i`) stands; with `poll`, asks the backend
 * too (the fallback when no callback came).
 */
export async function checkScene(jobId: string, sceneId: string, poll: boolean): Promise<SceneState> {
  const job = await loadJob(jobId);
  if (!job || job.status !== "processing") return { state: "stopped" };
  let rr = await requestRow(jobId, sceneId);
  if (!rr) return { state: "failed", error: "The scene was never submitted." };
  if (rr.status === "submitted" && poll && rr.requestId) {
    const result = await renderBackend(rr.backend as BackendName).status(rr.requestId);
    if (await recordBackendResult(jobId, sceneId, result)) rr = (await requestRow(jobId, sceneId))!;
  }
  if (rr.status === "completed") {
    const output = (rr.result as BackendResult | null)?.output;
    return clipSource(output) ? { state: "done" } : { state: "failed", error: noClipMessage(output) };
  }
  if (rr.status === "failed") {
    const error = rr.error ?? "The render backend reported a failure.";
    log.warn({ jobId, request: sceneId, backendRequest: rr.requestId, error }, "render request failed");
    return { state: "failed", error, ...(error.startsWith(GPU_OOM_MESSAGE) ? { code: "GPU_OUT_OF_MEMORY" } : {}) };
  }
  if (rr.status === "canceled") return { state: "stopped" };
  return { state: "pending" };
}

/** The clip is (copied) in our bucket: mark it stored and emit scene_complete (once). */
export async function storeScene(jobId: string, sceneId: string): Promise<void> {
  const job = await loadJob(jobId);
  if (!job) return;
  const rr = await requestRow(jobId, sceneId);
  if (!rr) throw new Error(`no render request for scene ${sceneId}`);
  const key = sceneClipKey(job.owner, jobId, sceneId);
  // A chained scene's row carries no result: the worker joins its segments into the clip when it stitches.
  const output = (rr.result as BackendResult | null)?.output;
  if (!rr.clipKey && rr.result !== null) {
    const source = clipSource(output);
    if (!source) throw new Error(noClipMessage(output));
    await storeClip(source, key);
  }
  await db().transaction(async (tx) => {
    const locked = await lockJob(tx, jobId);
    if (!locked || locked.status !== "processing") return;
    const marked = await tx
      .update(renderRequests)
      .set({ clipKey: key })
      .where(and(eq(renderRequests.jobId, jobId), eq(renderRequests.sceneId, sceneId), isNull(renderRequests.clipKey)))
      .returning({ id: renderRequests.id });
    if (marked.length === 0) return;
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(renderRequests)
      .where(and(eq(renderRequests.jobId, jobId), sql`${renderRequests.clipKey} is not null`));
    const total = (locked.progress as { scenes_total?: number }).scenes_total || n;
    const percent = PERCENT.generatingFrom + ((PERCENT.generatingTo - PERCENT.generatingFrom) * n) / total;
    await recordProgress(
      tx,
      jobId,
      { phase: "generating", percent, scenes_completed: n, scenes_total: total, current_scene: sceneId },
      { type: "scene_complete", payload: { scene_id: sceneId, preview_url: await presignOutput(key) } },
    );
  });
}

/** Copies a finished segment's clip (and, for all but the last, its last frame) into our bucket. */
export async function storeSegment(jobId: string, sceneId: string, index: number): Promise<void> {
  const job = await loadJob(jobId);
  if (!job || job.status !== "processing") return;
  const segments = sceneSegments(backendFor(job.options as RenderOptions), job.specSnapshot as Storyboard, sceneId);
  const rr = await requestRow(jobId, segmentKey(sceneId, index, segments.length));
  const output = (rr?.result as BackendResult | null)?.output;
  const clip = clipSource(output);
  if (!clip) throw new Error(noClipMessage(output));
  const sceneKey = sceneClipKey(job.owner, jobId, sceneId);
  await copyOutput(clip, segmentClipKey(sceneKey, index), "video/mp4");
  if (!segments[index]?.saveLastFrame) return;
  const last = lastFrameSource(output);
  if (!last) throw new Error(`The GPU worker returned no last frame for segment ${index + 1} of scene ${sceneId}.`);
  await copyOutput(last, lastFrameKey(sceneKey, index), "image/png");
}

/**
 * Records a chained scene's row once its segments are stored (storeScene then marks it). The clips
 * are joined by the render worker when it stitches (no ffmpeg in the app), which also writes the
 * scene's clip.
 */
export async function joinScene(jobId: string, sceneId: string): Promise<void> {
  const job = await loadJob(jobId);
  if (!job || job.status !== "processing") return;
  await db()
    .insert(renderRequests)
    .values({ jobId, sceneId, backend: backendFor(job.options as RenderOptions), status: "completed" })
    .onConflictDoNothing();
}

/** Backend requests still running for this job are cancelled (job canceled, failed or timed out). */
export async function cancelRenderRequests(jobId: string): Promise<number> {
  const open = await db()
    .select()
    .from(renderRequests)
    .where(and(eq(renderRequests.jobId, jobId), inArray(renderRequests.status, ["submitting", "submitted"])));
  for (const rr of open) {
    if (rr.requestId) {
      await renderBackend(rr.backend as BackendName)
        .cancel(rr.requestId)
        .catch((err: unknown) => log.warn({ err, jobId, sceneId: rr.sceneId }, "backend cancel failed"));
    }
    await db().update(renderRequests).set({ status: "canceled" }).where(eq(renderRequests.id, rr.id));
  }
  return open.length;
}

