/**
 * The render backend contract (spec part 4 §3). A backend turns one scene into one clip; it runs
 * outside the request path and reports completion through the app's callback route
 * (`POST /api/render/callback?token=…`, RunPod's webhook shape: `{id, status, output?, error?}`).
 * The render function then fetches the clip into our outputs bucket.
 */

import type { Segment } from "./segments";

export type BackendName = "local" | "runpod";

export interface SceneRenderRequest {
  jobId: string;
  sceneId: string;
  /** Final positive prompt (global + scene, `@symbol` replaced by the symbol's prompt). */
  prompt: string;
  negativePrompt: string;
  /** Seconds of video this scene must last (the scene's own duration, before montage pacing). */
  duration: number;
  width: number;
  height: number;
  fps: number;
  seed: number;
  /** The start image, if any: a symbol's reference image (assets bucket) or the previous segment's last frame (outputs bucket). */
  referenceImage?: { bucket: string; key: string };
  /** GPU backends: which segment of the scene's chain this request generates (segments.ts). */
  segment?: Segment;
  /** Where the finished clip must end up (our outputs bucket). */
  output: { bucket: string; key: string };
  /** The app's callback URL with its signed token; the backend POSTs its completion body there. */
  callbackUrl: string;
}

/** RunPod's job states, which every backend reports in. */
export type BackendStatus = "IN_QUEUE" | "RUNNING" | "IN_PROGRESS" | "COMPLETED" | "FAILED" | "CANCELLED" | "TIMED_OUT";

/** What a backend reports (webhook body or status poll), RunPod's shape. */
export interface BackendResult {
  id: string;
  status: BackendStatus;
  /** On COMPLETED: where the clip is. `bucket`/`key` when it is already in our bucket; `url` otherwise. */
  output?: { bucket?: string; key?: string; url?: string; duration?: number; [k: string]: unknown };
  error?: string;
  executionTime?: number;
}

export interface RenderBackend {
  readonly name: BackendName;
  readonly model: string;
  /** How many scenes of one job may render at once. */
  readonly maxParallel: number;
  submit(req: SceneRenderRequest): Promise<{ requestId: string }>;
  /** Fallback poll; 404 from the backend is reported as status FAILED with error "not found". */
  status(requestId: string): Promise<BackendResult>;
  cancel(requestId: string): Promise<void>;
}
