/**
 * The job state machine (spec part 1 §4) and the refund policy (part 4 §4). Every path that moves
 * a job — API, render steps, callbacks, timeouts — goes through `canTransition`, and the write is
 * conditional on the status it read, so a retry or a race can never complete a canceled job.
 */

export const JOB_STATUSES = ["queued", "processing", "completed", "failed", "canceled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export type FailureType = "system" | "validation" | "timeout" | "canceled";

export const TERMINAL: ReadonlySet<JobStatus> = new Set(["completed", "failed", "canceled"]);

export const TRANSITIONS: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  queued: ["processing", "canceled"],
  processing: ["completed", "failed", "canceled"],
  completed: [],
  failed: [],
  canceled: [],
};

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL.has(status);
}

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Credits returned when a job stops: system failures and timeouts refund everything, validation
 * failures the unrendered share, cancellations the unrendered share less 10 %, completion nothing.
 * `percent` is the job's progress when it stopped (clamped to 0..100).
 */
export function refundFor(outcome: FailureType | "completed", charged: number, percent: number): number {
  const p = Math.min(100, Math.max(0, percent));
  switch (outcome) {
    case "completed":
      return 0;
    case "system":
    case "timeout":
      return charged;
    case "validation":
      return Math.floor(charged * (1 - p / 100));
    case "canceled":
      return Math.floor(charged * (1 - p / 100) * 0.9);
  }
}

export const JOB_EVENT_TYPES = ["queued", "started", "progress", "scene_complete", "completed", "failed", "canceled"] as const;
export type JobEventType = (typeof JOB_EVENT_TYPES)[number];
export const TERMINAL_EVENTS: ReadonlySet<JobEventType> = new Set(["completed", "failed", "canceled"]);

export const PHASES = ["queued", "initializing", "generating", "stitching", "finalizing", "done"] as const;
export type Phase = (typeof PHASES)[number];

/** jobs.progress */
export interface JobProgress {
  phase: Phase;
  percent: number;
  scenes_completed: number;
  scenes_total: number;
  current_scene?: string | null;
}
