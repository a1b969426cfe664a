import { generationSeconds, type EstimateBackend } from "./estimate-time";
import type { PlaybackPlan } from "./playback";
import type { RenderOptions, Storyboard } from "./schema";

export interface Estimate {
  estimated_duration_seconds: number;
  estimated_credits: number;
  estimated_generation_time_seconds: number;
  scenes: { id: string; duration: number; credits: number }[];
}

export const RESOLUTION_FACTOR = { "720p": 1, "1080p": 2 } as const;

export interface EstimateRates {
  /** How many scenes the owner's limits let generate at once. */
  parallelism: number;
  /** CREDITS_PER_SECOND (10). */
  creditsPerSecond: number;
  /** GEN_SECONDS_PER_VIDEO_SECOND (20): the GPU model's figure, used for RunPod. */
  genSecondsPerVideoSecond: number;
  /** RENDER_BACKEND: the time estimate predicts what this backend does (see estimate-time.ts). */
  backend: EstimateBackend;
  /** RENDER_WORKER_CONCURRENCY (2): animatics the local worker renders at once. */
  workerConcurrency: number;
}

export const DEFAULT_RATES: EstimateRates = {
  parallelism: 1,
  creditsPerSecond: 10,
  genSecondsPerVideoSecond: 20,
  backend: "runpod",
  workerConcurrency: 2,
};

/**
 * The estimate (spec part 3 §3); the charge at job creation is exactly `estimated_credits`.
 * Each scene that plays is generated once at its full duration and charged
 * ceil(duration × CREDITS_PER_SECOND × resolution factor), however often it plays; scenes the
 * timeline never reaches are not generated.
 */
export function estimateStoryboard(
  sb: Storyboard,
  plan: PlaybackPlan,
  options: RenderOptions = {},
  rates: Partial<EstimateRates> = {},
): Estimate {
  const r = { ...DEFAULT_RATES, ...rates };
  const { creditsPerSecond } = r;
  const factor = RESOLUTION_FACTOR[options.resolution ?? "720p"];
  const played = new Set(plan.clips.map((clip) => clip.sceneId));
  const scenes = sb.scenes
    .filter((s) => played.has(s.id))
    .map((s) => ({
      id: s.id,
      duration: s.duration,
      credits: options.preview ? 0 : Math.ceil(s.duration * creditsPerSecond * factor - 1e-9),
    }));
  return {
    estimated_duration_seconds: plan.duration,
    estimated_credits: scenes.reduce((sum, s) => sum + s.credits, 0),
    estimated_generation_time_seconds: generationSeconds(
      scenes.map((s) => s.duration),
      plan.duration,
      options,
      r,
    ),
    scenes,
  };
}
