import type { PlaybackPlan } from "./playback";
import type { RenderOptions, Storyboard } from "./schema";

/** Seconds of stitching: a fixed start-up plus a share of the video's length. */
const STITCH_BASE_SECONDS = 5;
const STITCH_SECONDS_PER_VIDEO_SECOND = 0.5;
/** The local animatic renders about this many seconds per second of video. */
const PREVIEW_SECONDS_PER_VIDEO_SECOND = 0.5;

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
  /** GEN_SECONDS_PER_VIDEO_SECOND (20). */
  genSecondsPerVideoSecond: number;
}

export const DEFAULT_RATES: EstimateRates = { parallelism: 1, creditsPerSecond: 10, genSecondsPerVideoSecond: 20 };

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
  const { parallelism, creditsPerSecond, genSecondsPerVideoSecond } = { ...DEFAULT_RATES, ...rates };
  const factor = RESOLUTION_FACTOR[options.resolution ?? "720p"];
  const played = new Set(plan.clips.map((clip) => clip.sceneId));
  const scenes = sb.scenes
    .filter((s) => played.has(s.id))
    .map((s) => ({
      id: s.id,
      duration: s.duration,
      credits: options.preview ? 0 : Math.ceil(s.duration * creditsPerSecond * factor - 1e-9),
    }));
  const perScene = options.preview ? PREVIEW_SECONDS_PER_VIDEO_SECOND : genSecondsPerVideoSecond;
  const generation = scenes.reduce((sum, s) => sum + s.duration * perScene, 0) / Math.max(1, parallelism);
  const stitching = STITCH_BASE_SECONDS + plan.duration * STITCH_SECONDS_PER_VIDEO_SECOND;
  return {
    estimated_duration_seconds: plan.duration,
    estimated_credits: scenes.reduce((sum, s) => sum + s.credits, 0),
    estimated_generation_time_seconds: Math.ceil(generation + stitching),
    scenes,
  };
}
