"use client";

import Link from "next/link";
import { formatDateTime, formatNumber, formatRelative } from "@/components/format";
import { ChevronRightIcon, FilmIcon } from "@/components/icons";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { PlayIcon } from "@/components/icons";
import { clampPercent, formatDuration, isActive, JobStatusBadge, jobTitle, phaseText, ProgressBar, shortId } from "./status";
import type { Job } from "./types";
import { useLiveJob, type Transport } from "./use-live-job";

function Thumb({ job }: { job: Job }) {
  const url = job.output?.thumbnail_url;
  return (
    <div
      aria-hidden="true"
      className={cn(
        "relative hidden aspect-video w-20 shrink-0 items-center justify-center overflow-hidden rounded-md border sm:flex",
        job.status === "completed"
          ? "border-zinc-200 bg-linear-to-br from-zinc-800 to-zinc-950 text-white/80"
          : "border-zinc-200 bg-zinc-50 text-zinc-400",
      )}
    >
      {url ? (
        // Presigned storage URLs are on arbitrary hosts, so next/image is not used.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={url} alt="" className="absolute inset-0 h-full w-full object-cover" />
      ) : job.status === "completed" ? (
        <PlayIcon size={14} />
      ) : (
        <FilmIcon size={16} />
      )}
    </div>
  );
}

/**
 * One job in a list: title (links to the job), status, created, length, credits and, while it
 * runs, a live progress bar (events stream, or polling when `transport` is "poll").
 */
export function JobRow({
  job: initial,
  now,
  transport = "sse",
  compact = false,
}: {
  job: Job;
  now: number;
  transport?: Transport;
  compact?: boolean;
}) {
  const { job } = useLiveJob(initial, { transport });
  const active = isActive(job.status);
  const percent = clampPercent(job.progress?.percent);
  const title = jobTitle(job);
  const draft = job.options?.preview === true;
  const duration = job.output?.duration;

  return (
    <li
      data-testid="job-row"
      data-job-id={job.id}
      data-status={job.status}
      className={cn(
        "group relative flex items-center gap-4 transition-colors hover:bg-zinc-50/80 focus-within:bg-zinc-50/80",
        compact ? "px-5 py-3.5 sm:px-6" : "px-5 py-4 sm:px-6",
      )}
    >
      {compact ? null : <Thumb job={job} />}
      <div className="min-w-0 flex-1">
        <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
          <Link
            href={`/app/jobs/${encodeURIComponent(job.id)}`}
            className="truncate text-sm font-medium text-zinc-950 outline-none after:absolute after:inset-0 after:content-[''] focus-visible:underline"
          >
            {title}
          </Link>
          <JobStatusBadge status={job.status} />
          {draft ? <Badge tone="outline">Draft</Badge> : null}
        </div>
        <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-0.5 text-[13px] text-zinc-500">
          <code className="font-mono text-xs text-zinc-500">{shortId(job.id)}</code>
          <span title={formatDateTime(job.created_at)}>{formatRelative(job.created_at, now)}</span>
          {duration ? <span className="tabular-nums">{formatDuration(duration)}</span> : null}
          {!compact && job.options?.resolution ? <span>{job.options.resolution}</span> : null}
        </p>
        {active ? (
          <div className="mt-2 max-w-md">
            <div className="flex items-center gap-3">
              <ProgressBar
                percent={percent}
                status={job.status}
                size="sm"
                label={`Progress of ${title}`}
                testId="job-row-progress"
              />
              <span className="w-9 shrink-0 text-right text-xs font-medium text-zinc-700 tabular-nums">{percent}%</span>
            </div>
            <p className="mt-1 text-xs text-zinc-500">{phaseText(job.status, job.progress)}</p>
          </div>
        ) : job.status === "failed" && job.error?.message ? (
          <p className="mt-1 truncate text-xs text-red-600">{job.error.message}</p>
        ) : null}
      </div>
      <div className="shrink-0 text-right">
        <p className="text-sm font-medium text-zinc-900 tabular-nums">
          {job.credits_charged === 0 ? "Free" : formatNumber(job.net_credits)}
        </p>
        <p className="text-xs text-zinc-500">
          {job.credits_charged === 0
            ? "no credits"
            : job.credits_refunded > 0
              ? `${formatNumber(job.credits_refunded)} refunded`
              : "credits"}
        </p>
      </div>
      <ChevronRightIcon size={16} className="hidden shrink-0 text-zinc-300 group-hover:text-zinc-500 sm:block" />
    </li>
  );
}

/** Placeholder rows while a list loads. */
export function JobRowsSkeleton({ rows = 3, compact = false, label }: { rows?: number; compact?: boolean; label: string }) {
  return (
    <ul aria-busy="true" aria-label={label} className="divide-y divide-zinc-100">
      {Array.from({ length: rows }, (_, i) => (
        <li key={i} className={cn("flex items-center gap-4", compact ? "px-5 py-3.5 sm:px-6" : "px-5 py-4 sm:px-6")}>
          {compact ? null : <Skeleton className="hidden aspect-video w-20 sm:block" />}
          <div className="flex-1 space-y-2">
            <Skeleton className="h-4 w-48" />
            <Skeleton className="h-3.5 w-64 max-w-full" />
          </div>
          <Skeleton className="h-8 w-14" />
        </li>
      ))}
    </ul>
  );
}

/** The first few active rows stream events; the rest poll (browsers allow ~6 connections per host). */
export const MAX_STREAMS = 3;

export function transportsFor(jobs: Job[]): Map<string, Transport> {
  const map = new Map<string, Transport>();
  let streams = 0;
  for (const j of jobs) {
    if (!isActive(j.status)) continue;
    map.set(j.id, streams < MAX_STREAMS ? "sse" : "poll");
    streams += 1;
  }
  return map;
}
