import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { jobs, renderRequests } from "@/drizzle/schema";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { renderBackend } from "@/lib/render/backends";
import { clipSource, noClipMessage } from "@/lib/render/clip-output";
import type { BackendName, BackendResult } from "@/lib/render/types";
import { buckets } from "@/lib/storage/s3";
import { buildPlan } from "@/lib/storyboard/playback";
import type { RenderOptions, Storyboard } from "@/lib/storyboard/schema";
import type { JobRow } from "./access";
import { callbackUrl } from "./callback-token";
import { failIfAssetsMissing, findAssetObject } from "./assets";
import { composePrompt, DIMENSIONS, sceneSeed, scenesToRender } from "./scene-request";
import { presignOutput, sceneClipKey, storeClip } from "./storage";
import { lockJob, recordProgress, transitionJob } from "./transition";

/**
 * The render function's steps (spec part 4 §2). Each is idempotent: it reads the job and its
 * render_requests first and does nothing twice, so Inngest may retry any of them, and each
 * stops quietly once the job is terminal (canceled, timed out).
 */

export type RenderRef = { jobId: string };
export const PERCENT = { generatingFrom: 5, generatingTo: 85, stitching: 85, finalizing: 95 } as const;

export interface StartInfo {
  owner: string;
  scenes: string[];
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
  return { owner: row.owner, scenes, backend, maxParallel: renderBackend(backend).maxParallel };
}

async function requestRow(jobId: string, sceneId: string) {
  const [rr] = await db()
    .select()
    .from(renderRequests)
    .where(and(eq(renderRequests.jobId, jobId), eq(renderRequests.sceneId, sceneId)));
  return rr ?? null;
}

/** Submits the scene unless a live request exists; returns "stopped" once the job is terminal. */
export async function submitScene(jobId: string, sceneId: string): Promise<"submitted" | "stopped"> {
  const job = await loadJob(jobId);
  if (!job || job.status !== "processing") return "stopped";
  const existing = await requestRow(jobId, sceneId);
  if (existing && existing.status !== "submitting" && existing.status !== "failed") return "submitted";
  const options = job.options as RenderOptions;
  const name = backendFor(options);
  if (!existing) {
    await db().insert(renderRequests).values({ jobId, sceneId, backend: name }).onConflictDoNothing();
  }
  const sb = job.specSnapshot as Storyboard;
  const scene = sb.scenes.find((s) => s.id === sceneId)!;
  const composed = composePrompt(sb, sceneId);
  const reference = composed.referenceAssetId ? await findAssetObject(composed.referenceAssetId) : null;
  const dims = DIMENSIONS[options.resolution ?? "720p"];
  const { requestId } = await renderBackend(name).submit({
    jobId,
    sceneId,
    prompt: composed.prompt,
    negativePrompt: composed.negative,
    duration: scene.duration,
    ...dims,
    fps: options.fps ?? 24,
    seed: sceneSeed(options, jobId, sceneId),
    ...(reference ? { referenceImage: reference } : {}),
    output: { bucket: buckets().outputs, key: sceneClipKey(job.owner, jobId, sceneId) },
    callbackUrl: await callbackUrl(jobId, sceneId),
  });
  await db()
    .update(renderRequests)
    .set({ requestId, status: "submitted", result: null, error: null, attempt: sql`${renderRequests.attempt} + ${existing ? 1 : 0}` })
    .where(and(eq(renderRequests.jobId, jobId), eq(renderRequests.sceneId, sceneId)));
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

export type SceneState = { state: "done" } | { state: "pending" } | { state: "stopped" } | { state: "failed"; error: string };

/** Where the scene stands; with `poll`, asks the backend too (the fallback when no callback came). */
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
  if (rr.status === "failed") return { state: "failed", error: rr.error ?? "The render backend reported a failure." };
  if (rr.status === "canceled") return { state: "stopped" };
  return { state: "pending" };
}

/** The clip is (copied) in our bucket: mark it stored and emit scene_complete (once). */
export async function storeScene(jobId: string, sceneId: string): Promise<void> {
  const job = await loadJob(jobId);
  if (!job) return;
  const rr = await requestRow(jobId, sceneId);
  const key = sceneClipKey(job.owner, jobId, sceneId);
  const source = clipSource((rr?.result as BackendResult | null)?.output);
  if (!source) throw new Error(noClipMessage((rr?.result as BackendResult | null)?.output));
  if (!rr?.clipKey) await storeClip(source, key);
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

