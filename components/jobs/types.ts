/** Browser-side shapes of the render API (spec part 2 §3–4), mirroring lib/jobs and lib/storyboard. */

export type JobStatus = "queued" | "processing" | "completed" | "failed" | "canceled";
export const JOB_STATUSES: readonly JobStatus[] = ["queued", "processing", "completed", "failed", "canceled"];
export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set(["completed", "failed", "canceled"]);

export type Phase = "queued" | "initializing" | "generating" | "stitching" | "finalizing" | "done";

export interface JobProgress {
  phase: Phase;
  percent: number;
  scenes_completed: number;
  scenes_total: number;
  current_scene?: string | null;
}

export interface JobOutput {
  video_key?: string;
  thumbnail_key?: string;
  video_url?: string;
  thumbnail_url?: string;
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
  spec_snapshot: SpecSnapshot | null;
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

export type JobEventType = "queued" | "started" | "progress" | "scene_complete" | "completed" | "failed" | "canceled";
export const JOB_EVENT_TYPES: readonly JobEventType[] = [
  "queued",
  "started",
  "progress",
  "scene_complete",
  "completed",
  "failed",
  "canceled",
];
export const TERMINAL_EVENTS: ReadonlySet<JobEventType> = new Set(["completed", "failed", "canceled"]);

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
}

// ---- Storyboard validation and estimate ----

export interface StoryboardIssue {
  path: string;
  message: string;
  value?: unknown;
  valid_values?: unknown[];
  limit?: number;
  line?: number;
  column?: number;
}

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
