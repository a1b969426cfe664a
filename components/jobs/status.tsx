import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { Job, JobProgress, JobStatus, Phase } from "./types";

export const STATUS_LABEL: Record<JobStatus, string> = {
  queued: "Queued",
  processing: "Rendering",
  completed: "Completed",
  failed: "Failed",
  canceled: "Canceled",
};

const STATUS_TONE: Record<JobStatus, BadgeTone> = {
  queued: "neutral",
  processing: "brand",
  completed: "success",
  failed: "danger",
  canceled: "warning",
};

/** The status pill. `data-status` carries the API value for tests. */
export function JobStatusBadge({ status, testId, className }: { status: JobStatus; testId?: string; className?: string }) {
  return (
    <span data-testid={testId} data-status={status} className="inline-flex">
      <Badge tone={STATUS_TONE[status]} dot className={cn(status === "processing" && "[&>span:first-child]:animate-pulse", className)}>
        {STATUS_LABEL[status]}
      </Badge>
    </span>
  );
}

const PHASE_LABEL: Record<Phase, string> = {
  queued: "Waiting in the queue",
  initializing: "Preparing",
  generating: "Generating scenes",
  stitching: "Stitching the video",
  finalizing: "Finalizing",
  done: "Done",
};

export function isActive(status: JobStatus): boolean {
  return status === "queued" || status === "processing";
}

/** "Generating scenes · scene 2 of 3", "Stitching the video", "Waiting in the queue". */
export function phaseText(status: JobStatus, progress: JobProgress | null): string {
  if (status === "queued") return PHASE_LABEL.queued;
  if (!progress) return status === "processing" ? PHASE_LABEL.initializing : STATUS_LABEL[status];
  const label = PHASE_LABEL[progress.phase] ?? progress.phase;
  const total = progress.scenes_total;
  if (progress.phase === "generating" && total > 0) {
    const n = Math.min(progress.scenes_completed + 1, total);
    return `${label} · scene ${n} of ${total}`;
  }
  return label;
}

export function clampPercent(p: number | undefined | null): number {
  if (typeof p !== "number" || Number.isNaN(p)) return 0;
  return Math.min(100, Math.max(0, Math.round(p)));
}

const BAR_TONE: Record<JobStatus, string> = {
  queued: "bg-zinc-400",
  processing: "bg-brand-600",
  completed: "bg-emerald-500",
  failed: "bg-red-500",
  canceled: "bg-amber-500",
};

/** An accessible progress bar; `data-percent` is the rounded value for tests. */
export function ProgressBar({
  percent,
  status,
  label,
  size = "md",
  testId,
  className,
}: {
  percent: number;
  status: JobStatus;
  label: string;
  size?: "sm" | "md";
  testId?: string;
  className?: string;
}) {
  const value = clampPercent(percent);
  const indeterminate = status === "queued" && value === 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={indeterminate ? undefined : value}
      aria-valuetext={indeterminate ? "Waiting to start" : `${value}%`}
      data-testid={testId}
      data-percent={value}
      className={cn("relative w-full overflow-hidden rounded-full bg-zinc-100", size === "sm" ? "h-1.5" : "h-2.5", className)}
    >
      {indeterminate ? (
        <div className="absolute inset-y-0 left-0 w-1/3 animate-pulse rounded-full bg-zinc-300" />
      ) : (
        <div
          className={cn("h-full rounded-full transition-[width] duration-500 ease-out", BAR_TONE[status])}
          style={{ width: `${Math.max(value, status === "processing" ? 2 : 0)}%` }}
        >
          {status === "processing" ? <div className="h-full w-full animate-pulse rounded-full bg-white/25" /> : null}
        </div>
      )}
    </div>
  );
}

export function jobTitle(job: Pick<Job, "spec_snapshot" | "title">): string {
  const t = job.title ?? job.spec_snapshot?.title;
  return typeof t === "string" && t.trim() ? t.trim() : "Untitled storyboard";
}

/** The job id's first block, for compact display (`4f1c2a9e`). */
export function shortId(id: string): string {
  return id.replace(/^job_/, "").slice(0, 8);
}

export function formatBytes(n: number | null | undefined): string {
  if (typeof n !== "number" || n < 0) return "—";
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** Seconds with one decimal when needed: "9 s", "9.5 s", "1 min 4 s". */
export function formatDuration(seconds: number | null | undefined): string {
  if (typeof seconds !== "number" || Number.isNaN(seconds)) return "—";
  if (seconds < 60) return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return s ? `${m} min ${s} s` : `${m} min`;
}
