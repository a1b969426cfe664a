import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { AudioAssetError } from "@/lib/render/errors";
import { stitch, stitchAudioRefs } from "@/lib/render/stitch";
import { buckets, s3 } from "@/lib/storage/s3";
import { buildPlan } from "@/lib/storyboard/playback";
import type { RenderOptions, Storyboard } from "@/lib/storyboard/schema";
import { findAssetObject } from "./assets";
import { cancelRenderRequests, backendFor, PERCENT } from "./render-steps";
import { renderBackend } from "@/lib/render/backends";
import { DIMENSIONS, sceneSeed, scenesToRender } from "./scene-request";
import type { JobOutput } from "./schemas";
import { jobPrefix, sceneClipKey } from "./storage";
import { lockJob, recordProgress, transitionJob } from "./transition";

/** A problem with the storyboard's inputs found mid-job (missing asset…): a `validation` failure. */
export class RenderInputError extends Error {
  override name = "RenderInputError";
}

async function download(bucket: string, key: string, to: string): Promise<void> {
  const res = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  await pipeline(res.Body as Readable, fs.createWriteStream(to));
}

async function upload(file: string, key: string, contentType: string): Promise<number> {
  const size = fs.statSync(file).size;
  await s3().send(
    new PutObjectCommand({ Bucket: buckets().outputs, Key: key, Body: fs.createReadStream(file), ContentType: contentType, ContentLength: size }),
  );
  return size;
}

async function fetchAudio(ids: string[], dir: string) {
  const files = new Map<string, string>();
  const durations = new Map<string, number>();
  for (const id of ids) {
    const obj = await findAssetObject(id);
    if (!obj) throw new RenderInputError(`The audio asset ${id} does not exist or is not ready.`);
    const file = path.join(dir, `audio_${files.size}${path.extname(obj.key) || ".bin"}`);
    await download(obj.bucket, obj.key, file);
    files.set(id, file);
    if (obj.duration) durations.set(id, obj.duration);
  }
  return { files, durations };
}

/** How often, at most, a long stitch moves the progress bar. */
const STITCH_PROGRESS_MS = 2000;

/**
 * Stitching moves the bar from 85 % towards 95 % (finalizing) as ffmpeg writes the video, so a
 * long render never sits still: at most one progress update every 2 s, never two at once.
 */
export function stitchProgress(jobId: string, intervalMs = STITCH_PROGRESS_MS): (fraction: number) => void {
  const span = PERCENT.finalizing - PERCENT.stitching;
  let last: number = PERCENT.stitching;
  let lastAt = Date.now();
  let busy = false;
  return (fraction) => {
    const percent = Math.min(PERCENT.finalizing - 1, PERCENT.stitching + Math.floor(fraction * span));
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

/**
 * Stitch step: clips + transitions + treatments + audio mix → final.mp4 and thumbnail.jpg in the
 * job's folder. Returns the output (keys, not URLs) for the completion step, or null if the job
 * stopped meanwhile. Re-running it overwrites the same keys.
 */
export async function stitchJob(jobId: string): Promise<(JobOutput & { render_seconds: number }) | null> {
  const started = Date.now();
  const moved = await db().transaction((tx) => recordProgress(tx, jobId, { phase: "stitching", percent: PERCENT.stitching, current_scene: null }));
  if (!moved) return null;
  const job = moved;
  const sb = job.specSnapshot as Storyboard;
  const options = job.options as RenderOptions;
  const plan = buildPlan(sb);
  const dims = DIMENSIONS[options.resolution ?? "720p"];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `framecast-${jobId}-`));
  try {
    const clips = new Map<string, string>();
    for (const sceneId of scenesToRender(plan.clips)) {
      const file = path.join(dir, `scene_${clips.size}.mp4`);
      await download(buckets().outputs, sceneClipKey(job.owner, jobId, sceneId), file);
      clips.set(sceneId, file);
    }
    const audio = await fetchAudio(stitchAudioRefs(sb, plan), dir);
    const outPath = path.join(dir, "final.mp4");
    const thumbPath = path.join(dir, "thumbnail.jpg");
    const result = await stitch({ storyboard: sb, plan, clips, audio: audio.files, audioDurations: audio.durations, ...dims, fps: options.fps ?? 24, outPath, thumbPath, onProgress: stitchProgress(jobId) });
    await db().transaction((tx) => recordProgress(tx, jobId, { phase: "finalizing", percent: PERCENT.finalizing }));
    const prefix = jobPrefix(job.owner, jobId);
    const size = await upload(outPath, `${prefix}final.mp4`, "video/mp4");
    await upload(thumbPath, `${prefix}thumbnail.jpg`, "image/jpeg");
    const backend = backendFor(options);
    const firstScene = scenesToRender(plan.clips)[0] ?? "";
    return {
      video_key: `${prefix}final.mp4`,
      thumbnail_key: `${prefix}thumbnail.jpg`,
      duration: Math.round(result.duration * 1000) / 1000,
      resolution: `${dims.width}x${dims.height}`,
      format: "mp4",
      size_bytes: size,
      scene_clips: [...clips.keys()].map((scene_id) => ({ scene_id, key: sceneClipKey(job.owner, jobId, scene_id) })),
      metadata: {
        backend,
        model: renderBackend(backend).model,
        seed: sceneSeed(options, jobId, firstScene),
        generation_time_ms: Date.now() - (job.startedAt?.getTime() ?? started),
      },
      render_seconds: Math.round(result.duration),
    };
  } catch (err) {
    // Bad inputs will not get better with retries: fail now, refunding the unrendered share.
    if (err instanceof RenderInputError || err instanceof AudioAssetError) {
      await failJob(jobId, { type: "validation", code: "INVALID_INPUT", message: err.message });
      return null;
    }
    throw err;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
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
