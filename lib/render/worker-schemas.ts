/** What the render worker accepts: RunPod's `{input, webhook}` run body — a scene to render, or a job to stitch. */
import { z } from "zod";

const objectRef = z.object({ bucket: z.string().min(1), key: z.string().min(1) });
const size = z.number().int().min(16).max(4096).multipleOf(2);
const fps = z.number().int().min(1).max(60);

export const sceneRenderRequestSchema = z.object({
  jobId: z.string().min(1),
  sceneId: z.string().min(1).max(64),
  prompt: z.string().max(20_000),
  negativePrompt: z.string().max(20_000).default(""),
  duration: z.number().positive().max(120),
  width: size,
  height: size,
  fps,
  seed: z.number().int(),
  referenceImage: objectRef.optional(),
  output: objectRef,
  callbackUrl: z.string().url(),
});

/**
 * A stitch (spec/jobs.md "Where stitching runs"): everything `stitch()` needs, as JSON. The worker
 * downloads the clips and sounds, runs the stitcher, uploads the video and the thumbnail, and
 * reports ffmpeg's progress in its IN_PROGRESS status (`output.progress`, 0..1).
 */
export const stitchJobRequestSchema = z.object({
  kind: z.literal("stitch"),
  jobId: z.string().min(1),
  /** The job's storyboard (spec_snapshot) and its playback plan (buildPlan). */
  storyboard: z.record(z.string(), z.unknown()),
  plan: z.record(z.string(), z.unknown()),
  /** Scene id → its clip in our outputs bucket, for every scene that plays. */
  clips: z.record(z.string(), objectRef),
  /**
   * Scene id → its segment clips, in order, for a scene the GPU generated as a chain: the worker
   * joins them (no re-encode) and writes the scene's clip (`clips[scene]`) before stitching.
   */
  segments: z.record(z.string(), z.array(objectRef).min(2)).default({}),
  /** Audio asset id → its object (and its duration when the catalog knows it). */
  audio: z.record(z.string(), objectRef.extend({ duration: z.number().positive().optional() })),
  width: size,
  height: size,
  fps,
  output: z.object({ video: objectRef, thumbnail: objectRef }),
});

export type StitchJobRequest = z.infer<typeof stitchJobRequestSchema>;

/** What a COMPLETED stitch reports in `output`. */
export interface StitchJobOutput {
  video: { bucket: string; key: string };
  thumbnail: { bucket: string; key: string };
  duration: number;
  size_bytes: number;
  [k: string]: unknown;
}

export const workerInputSchema = z.union([stitchJobRequestSchema, sceneRenderRequestSchema]);
export type WorkerInput = z.infer<typeof workerInputSchema>;

export const isStitchRequest = (input: object): input is StitchJobRequest => (input as { kind?: unknown }).kind === "stitch";

export const runBodySchema = z.object({ input: workerInputSchema, webhook: z.string().url().optional() });
