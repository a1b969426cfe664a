/**
 * One job of the render worker: fetch the reference image (if any), render the animatic, upload it
 * to the request's output location. Temporary files live in a directory named after the job.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { S3Client } from "@aws-sdk/client-s3";
import { renderAnimatic } from "./animatic";
import { downloadObject, uploadFile } from "./s3-io";
import type { SceneRenderRequest } from "./types";
import type { Faults } from "./worker-faults";
import { markPhase, type WorkerJob } from "./worker-queue";

export interface SceneOutput {
  bucket: string;
  key: string;
  duration: number;
  [k: string]: unknown;
}

export async function renderSceneJob(job: WorkerJob, input: SceneRenderRequest, signal: AbortSignal, s3: S3Client, faults: Faults): Promise<SceneOutput> {
  if (faults.delayMs > 0) await sleep(faults.delayMs, undefined, { signal });
  if (faults.failScenes.includes(input.sceneId)) throw new Error(`injected failure for scene ${input.sceneId}`);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `framecast-render-${job.id}-`));
  try {
    let imagePath: string | undefined;
    if (input.referenceImage) {
      imagePath = path.join(dir, "reference");
      await downloadObject(s3, input.referenceImage, imagePath, signal);
    }
    const outPath = path.join(dir, "clip.mp4");
    const { duration } = await renderAnimatic({ ...input, imagePath, outPath }, { signal });
    markPhase(job, "rendered");
    await uploadFile(s3, outPath, input.output, "video/mp4", signal);
    return { bucket: input.output.bucket, key: input.output.key, duration };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
