import type { JobEventType, JobProgress, JobStatus, Phase } from "@/lib/jobs/state";
import type { StoryboardIssue } from "@/lib/storyboard/issues";

/** Browser-side shapes of the render API (spec part 2 §3–4); the vocabulary comes from lib/jobs/state and lib/storyboard. */

export { JOB_STATUSES, JOB_EVENT_TYPES, TERMINAL as TERMINAL_STATUSES, TERMINAL_EVENTS } from "@/lib/jobs/state";
export type { JobEventType, JobProgress, JobStatus, Phase } from "@/lib/jobs/state";
export type { StoryboardIssue } from "@/lib/storyboard/issues";

export interface JobOutput {
  video_key?: string;
  thumbnail_key?: string;
  video_url?: string;
  thumbnail_url?: string;
  /** The video as an attachment named after the storyboard's title. */
  download_url?: string;
  duration: number;
  resolution: string;
  format?: string;
  size_bytes: number;
  scene_clips?: { scene_id: string; key: string }[];
  metadata?: { backend: string; model: string; seed: number; generation_time_ms: number };
}

export interface JobError {
  code: string;
  message: string;
  scene_id?: string | null;
}

export interface RenderOptions {
  resolution?: "720p" | "1080p";
  fps?: 24 | 25 | 30;
  seed?: number;
  preview?: boolean;
}

export interface ScenePreview {
  scene_id: string;
  url: string;
}

/** The storyboard as stored in `spec_snapshot` (only what the pages read is typed). */
export interface SpecSnapshot {
  title?: string;
  scenes?: { id: string; prompt?: string; duration?: number }[];
  [key: string]: unknown;
}

export interface Job {
  id: string;
  owner: string;
  triggered_by: string;
  project_id: string | null;
  status: JobStatus;
  title?: string | null;
  /** Left out of lists unless `?include=spec`. */
  spec_snapshot?: SpecSnapshot | null;
  options: RenderOptions | null;
  progress: JobProgress | null;
  output: JobOutput | null;
  output_size_bytes: number | null;
  error: JobError | null;
  failure_type: string | null;
  credits_charged: number;
  credits_refunded: number;
  net_credits: number;
  idempotency_key: string | null;
  canceled_by: string | null;
  is_ephemeral: boolean;
  is_terminal: boolean;
  started_at: string | null;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
  scene_previews?: ScenePreview[];
}

// ---- Events stream (GET /v1/jobs/:id/events) ----

/** An event's data: its payload plus the envelope fields. Payload fields depend on the type. */
export interface JobEvent {
  job_id: string;
  sequence: number;
  event_type: JobEventType;
  created_at: string;
  phase?: Phase;
  percent?: number;
  scenes_completed?: number;
  scenes_total?: number;
  current_scene?: string | null;
  scene_id?: string;
  preview_url?: string;
  output?: Partial<JobOutput>;
  failure_type?: string;
  error?: JobError;
  credits_refunded?: number;
  canceled_by?: string;
  credits_charged?: number;
  estimated_generation_time_seconds?: number;
}

// ---- Storyboard validation and estimate ----

export interface ValidationResult {
  valid: boolean;
  errors: StoryboardIssue[];
  warnings: StoryboardIssue[];
}

export interface Estimate {
  estimated_duration_seconds: number;
  estimated_credits: number;
  estimated_generation_time_seconds: number;
  scenes: { id: string; duration: number; credits: number }[];
  warnings?: StoryboardIssue[];
  sufficient_credits?: boolean;
  balance?: number;
}
