/**
 * A stitch job of the render worker (spec/jobs.md "Where stitching runs"): download the job's clips
 * and sounds from S3, run the stitcher (ffmpeg) here — never in the app — upload `final.mp4` and
 * `thumbnail.jpg` to the request's output locations, and report ffmpeg's progress meanwhile.
 * Temporary files live in a directory named after the job and are removed whatever happens.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { S3Client } from "@aws-sdk/client-s3";
import type { PlaybackPlan } from "@/lib/storyboard/playback";
import type { Storyboard } from "@/lib/storyboard/schema";
import { AudioAssetError } from "./errors";
import { downloadObject, uploadFile } from "./s3-io";
import { concatClips } from "./segments-store";
import { stitch } from "./stitch";
import type { Faults } from "./worker-faults";
import { markPhase, reportProgress, WorkerInputError, type WorkerJob } from "./worker-queue";
import type { StitchJobOutput, StitchJobRequest } from "./worker-schemas";

type ObjectRef = StitchJobRequest["clips"][string];

export async function renderStitchJob(job: WorkerJob, input: StitchJobRequest, signal: AbortSignal, s3: S3Client, faults: Faults): Promise<StitchJobOutput> {
  if (faults.delayMs > 0) await sleep(faults.delayMs, undefined, { signal });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `framecast-stitch-${job.id}-`));
  try {
    const clips = new Map<string, string>();
    for (const [sceneId, ref] of Object.entries(input.clips)) {
      const file = path.join(dir, `scene_${clips.size}.mp4`);
      const segments = input.segments[sceneId];
      if (segments) await joinSegments(s3, segments, file, ref, signal);
      else await downloadObject(s3, ref, file, signal);
      clips.set(sceneId, file);
    }
    const audio = new Map<string, string>();
    const durations = new Map<string, number>();
    for (const [assetId, ref] of Object.entries(input.audio)) {
      const file = path.join(dir, `audio_${audio.size}${path.extname(ref.key) || ".bin"}`);
      await downloadObject(s3, ref, file, signal).catch((err: unknown) => {
        if (signal.aborted) throw err;
        throw new WorkerInputError(`The audio asset ${assetId} could not be read from storage.`);
      });
      audio.set(assetId, file);
      if (ref.duration) durations.set(assetId, ref.duration);
    }
    markPhase(job, "downloaded");
    const outPath = path.join(dir, "final.mp4");
    const thumbPath = path.join(dir, "thumbnail.jpg");
    const result = await stitch({
      storyboard: input.storyboard as unknown as Storyboard,
      plan: input.plan as unknown as PlaybackPlan,
      clips,
      audio,
      audioDurations: durations,
      width: input.width,
      height: input.height,
      fps: input.fps,
      outPath,
      thumbPath,
      signal,
      onProgress: (fraction) => reportProgress(job, fraction),
    }).catch((err: unknown) => {
      throw err instanceof AudioAssetError ? new WorkerInputError(err.message) : err;
    });
    markPhase(job, "stitched");
    await uploadFile(s3, outPath, input.output.video, "video/mp4", signal);
    await uploadFile(s3, thumbPath, input.output.thumbnail, "image/jpeg", signal);
    return { video: input.output.video, thumbnail: input.output.thumbnail, duration: result.duration, size_bytes: result.sizeBytes };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A chained scene: its segment clips joined into one (concat, no re-encode), kept as the scene's clip too. */
async function joinSegments(s3: S3Client, segments: readonly ObjectRef[], out: string, sceneRef: ObjectRef, signal: AbortSignal): Promise<void> {
  const files: string[] = [];
  for (const [i, ref] of segments.entries()) {
    const file = `${out}.seg${i}.mp4`;
    await downloadObject(s3, ref, file, signal);
    files.push(file);
  }
  await concatClips(files, out);
  await uploadFile(s3, out, sceneRef, "video/mp4", signal);
}
