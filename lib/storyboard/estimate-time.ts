import type { RenderOptions } from "./schema";

/** Which renderer makes the scene clips: RENDER_BACKEND, or the local animatic for `options.preview`. */
export type EstimateBackend = "local" | "runpod";

/**
 * The local animatic renderer (lib/render/animatic.ts), measured at 1280×720, 24 fps with the real
 * renderer (`renderAnimatic`; 1, 2, 5, 10 and 20 s clips, two runs each, on the 2-core dev machine):
 * 1.2, 1.6, 3.3, 5.5 and 10.7 s, i.e. about 0.75 s to start plus 0.5 s per second of video.
 */
export const LOCAL_ANIMATIC = { sceneOverheadSeconds: 0.75, secondsPerVideoSecond: 0.5 } as const;

/**
 * Stitching (lib/render/stitch.ts: transitions, audio mix, H.264/AAC encode, thumbnail), the same
 * after either backend, measured on the same machine at 1280×720: 9 s (the welcome storyboard, 7
 * sounds) 10.5–13.4 s, 10 s 9.4 s, 19.5 s 18.7 s, 57.5 s 67.8 s: about 1 s plus 1.1 s per second of video.
 */
export const STITCH = { baseSeconds: 1, secondsPerVideoSecond: 1.1 } as const;

/**
 * 1080p against 720p in the same run: a 5 s animatic 10.9–12.1 s against 3.2–3.7 s, stitching 19.5 s
 * 71.4 s against 25.2 s, i.e. about 3× (a bit more than the 2.25× pixels: larger frames encode slower).
 */
export const PIXEL_FACTOR = { "720p": 1, "1080p": 3 } as const;

export interface TimeRates {
  backend: EstimateBackend;
  /** Scenes the owner's limits let generate at once (SCENE_PARALLELISM). */
  parallelism: number;
  /** RENDER_WORKER_CONCURRENCY: animatics the local worker renders at once. */
  workerConcurrency: number;
  /** GEN_SECONDS_PER_VIDEO_SECOND: the GPU model's figure (RunPod). */
  genSecondsPerVideoSecond: number;
}

/**
 * estimated_generation_time_seconds = ceil(generation + stitching), where
 * - local (or a preview): generation = Σ (0.75 + 0.5 × duration × pixel factor (720p 1, 1080p 3)) over the generated
 *   scenes ÷ min(parallelism, RENDER_WORKER_CONCURRENCY);
 * - runpod: generation = Σ duration × GEN_SECONDS_PER_VIDEO_SECOND ÷ parallelism;
 * - stitching = (1 + 1.1 × video duration) × pixel factor.
 */
export function generationSeconds(sceneDurations: number[], videoSeconds: number, options: RenderOptions, r: TimeRates): number {
  const pixels = PIXEL_FACTOR[options.resolution ?? "720p"];
  const local = options.preview || r.backend === "local";
  const generation = local
    ? sceneDurations.reduce((sum, d) => sum + LOCAL_ANIMATIC.sceneOverheadSeconds + LOCAL_ANIMATIC.secondsPerVideoSecond * d * pixels, 0) /
      Math.max(1, Math.min(r.parallelism, r.workerConcurrency))
    : sceneDurations.reduce((sum, d) => sum + d * r.genSecondsPerVideoSecond, 0) / Math.max(1, r.parallelism);
  const stitching = (STITCH.baseSeconds + STITCH.secondsPerVideoSecond * videoSeconds) * pixels;
  return Math.ceil(generation + stitching - 1e-9);
}
