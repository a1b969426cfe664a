"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useState, type ReactNode } from "react";
import { formatDateTime, formatNumber, formatSeconds } from "@/components/format";
import { ChevronRightIcon, CoinsIcon, FilmIcon, LayersIcon, LoaderIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";
import { DownloadIcon } from "@/components/icons";
import { EventLog, remainingSeconds, useJobEvents, useNow } from "./event-log";
import { JobActions } from "./job-actions";
import type { Connection } from "./live";
import { SceneTiles } from "./scene-tiles";
import { SpecPanel } from "./spec-panel";
import { clampPercent, formatBytes, formatDuration, isActive, JobStatusBadge, jobTitle, phaseText, ProgressBar, shortId } from "./status";
import type { Job } from "./types";
import { useLiveJob } from "./use-live-job";

const CONNECTION: Record<Connection, { label: string; dot: string } | null> = {
  idle: null,
  connecting: { label: "Connecting…", dot: "bg-zinc-400" },
  live: { label: "Live", dot: "bg-emerald-500 animate-pulse" },
  reconnecting: { label: "Reconnecting…", dot: "bg-amber-500 animate-pulse" },
  polling: { label: "Updating every 2 s", dot: "bg-zinc-400" },
};

function ConnectionPill({ connection }: { connection: Connection }) {
  const c = CONNECTION[connection];
  if (!c) return null;
  return (
    <span data-testid="job-connection" data-connection={connection} className="inline-flex items-center gap-1.5 text-xs text-zinc-500">
      <span aria-hidden="true" className={cn("h-1.5 w-1.5 rounded-full", c.dot)} />
      {c.label}
    </span>
  );
}

function elapsed(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  const ms = new Date(to).getTime() - new Date(from).getTime();
  return Number.isFinite(ms) && ms >= 0 ? ms / 1000 : null;
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="flex items-baseline justify-between gap-4 py-2">
      <dt className="shrink-0 text-[13px] text-zinc-500">{label}</dt>
      <dd data-testid={testId} className="min-w-0 text-right text-[13px] font-medium text-zinc-900">
        {children}
      </dd>
    </div>
  );
}

function ProgressCard({ job, connection, eta }: { job: Job; connection: Connection; eta: number | null }) {
  const percent = clampPercent(job.progress?.percent);
  const p = job.progress;
  return (
    <Card>
      <CardContent>
        <div className="flex items-end justify-between gap-4">
          <div className="min-w-0">
            <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase">
              {job.status === "queued" ? "Queued" : "Rendering"}
            </p>
            <p data-testid="job-phase" className="mt-1 truncate text-[15px] font-medium text-zinc-950" aria-live="polite">
              {phaseText(job.status, p)}
            </p>
          </div>
          <p className="text-3xl font-semibold tracking-tight text-zinc-950 tabular-nums" aria-hidden="true">
            {percent}
            <span className="text-lg text-zinc-400">%</span>
          </p>
        </div>
        <ProgressBar percent={percent} status={job.status} label="Render progress" testId="job-progress" className="mt-4" />
        <div className="mt-2.5 flex flex-wrap items-center justify-between gap-2 text-[13px] text-zinc-500">
          <span className="tabular-nums">
            {p && p.scenes_total > 0
              ? `${p.scenes_completed} of ${p.scenes_total} ${p.scenes_total === 1 ? "scene" : "scenes"} rendered`
              : job.status === "queued"
                ? "Starts as soon as a render slot is free."
                : "Getting ready…"}
          </span>
          <span className="flex items-center gap-3">
            {eta !== null ? (
              <span data-testid="job-eta" className="font-medium text-zinc-700 tabular-nums">
                About {formatSeconds(Math.max(1, eta))} left
              </span>
            ) : null}
            <ConnectionPill connection={connection} />
          </span>
        </div>
      </CardContent>
    </Card>
  );
}

function Outcome({ job }: { job: Job }) {
  if (job.status === "failed") {
    return (
      <div data-testid="job-error">
        <Alert tone="error" title="This render failed">
          <p>{job.error?.message ?? "Something went wrong while rendering."}</p>
          <p className="mt-1 font-mono text-xs opacity-80">
            {[job.error?.code, job.error?.scene_id ? `scene ${job.error.scene_id}` : null, job.failure_type ? `${job.failure_type} failure` : null]
              .filter(Boolean)
              .join(" · ")}
          </p>
          {job.credits_charged > 0 ? (
            <p className="mt-1">
              {job.credits_refunded > 0
                ? `${formatNumber(job.credits_refunded)} of ${formatNumber(job.credits_charged)} credits were refunded.`
                : "No credits were refunded."}
            </p>
          ) : null}
        </Alert>
      </div>
    );
  }
  if (job.status === "canceled") {
    return (
      <div data-testid="job-canceled">
        <Alert tone="warning" title="This render was canceled">
          Stopped at {clampPercent(job.progress?.percent)}%.{" "}
          {job.credits_charged > 0
            ? `${formatNumber(job.credits_refunded)} of ${formatNumber(job.credits_charged)} credits were refunded.`
            : "It was a free draft."}
        </Alert>
      </div>
    );
  }
  return null;
}

function VideoCard({ job }: { job: Job }) {
  const out = job.output;
  const url = out?.video_url;
  return (
    <Card className="overflow-hidden">
      {url ? (
        <video
          key={url}
          data-testid="final-video"
          src={url}
          poster={out?.thumbnail_url}
          controls
          playsInline
          preload="metadata"
          aria-label={`${jobTitle(job)} — rendered video`}
          className="aspect-video w-full rounded-t-xl bg-black"
        />
      ) : (
        <div className="flex aspect-video w-full items-center justify-center gap-2 rounded-t-xl bg-zinc-950 text-sm text-white/70">
          <LoaderIcon size={16} className="animate-spin" /> Preparing the video…
        </div>
      )}
      <CardFooter>
        <p className="flex flex-wrap items-center gap-x-2 text-[13px] text-zinc-600">
          <span className="font-medium text-zinc-900 tabular-nums" data-testid="output-duration">
            {formatDuration(out?.duration)}
          </span>
          <span aria-hidden="true">·</span>
          <span>{out?.resolution ?? job.options?.resolution ?? "720p"}</span>
          <span aria-hidden="true">·</span>
          <span className="uppercase">{out?.format ?? "mp4"}</span>
          <span aria-hidden="true">·</span>
          <span className="tabular-nums">{formatBytes(out?.size_bytes ?? job.output_size_bytes)}</span>
        </p>
        {out?.download_url ? (
          // The store answers with Content-Disposition: attachment; filename="<title>.mp4".
          <a href={out.download_url} className={buttonClasses("secondary", "sm")} data-testid="download-video">
            <DownloadIcon size={14} /> Download
          </a>
        ) : null}
      </CardFooter>
    </Card>
  );
}

/** The job page body for a loaded job: header, live progress, video, scenes, credits, details, spec. */
export function JobView({ initial }: { initial: Job }) {
  const router = useRouter();
  const [actionError, setActionError] = useState<string | null>(null);
  const onTerminal = useCallback(() => router.refresh(), [router]); // refunds change the header balance
  const { job, replace, previews, connection } = useLiveJob(initial, { onTerminal });

  const title = jobTitle(job);
  const active = isActive(job.status);
  const draft = job.options?.preview === true;
  const renderTime = elapsed(job.started_at, job.completed_at);
  const sceneCount = job.spec_snapshot?.scenes?.length ?? 0;
  const meta = job.output?.metadata;
  const { events, expired } = useJobEvents(job.id);
  const now = useNow(active);
  const eta = active ? remainingSeconds(job, events, now) : null;

  return (
    <div data-testid="job-detail" data-job-id={job.id}>
      <nav aria-label="Breadcrumb" className="mb-3 flex items-center gap-1.5 text-[13px] text-zinc-500">
        <Link href="/app/jobs" className="hover:text-zinc-900">
          Renders
        </Link>
        <ChevronRightIcon size={13} className="text-zinc-300" />
        <span aria-current="page" className="font-mono text-zinc-700">
          {shortId(job.id)}
        </span>
      </nav>

      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="truncate text-2xl font-semibold tracking-tight text-zinc-950 sm:text-[28px]">{title}</h1>
            <JobStatusBadge status={job.status} testId="job-status" />
            {draft ? <Badge tone="outline">Draft</Badge> : null}
          </div>
          <p className="mt-1.5 text-[15px] text-zinc-500">
            {job.status === "completed" && renderTime !== null
              ? `Rendered in ${formatSeconds(renderTime)} · finished ${formatDateTime(job.completed_at)}`
              : `Created ${formatDateTime(job.created_at)}`}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <JobActions job={job} onUpdated={replace} onError={setActionError} />
        </div>
      </div>

      {actionError ? (
        <Alert tone="error" className="mb-6">
          {actionError}
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_300px]">
        <div className="min-w-0 space-y-6">
          {active ? <ProgressCard job={job} connection={connection} eta={eta} /> : null}
          <Outcome job={job} />
          {job.status === "completed" ? <VideoCard job={job} /> : null}

          <Card>
            <CardHeader
              title="Scenes"
              description={
                active
                  ? "Each scene's clip appears here as soon as it's rendered."
                  : `${previews.length} of ${sceneCount} ${sceneCount === 1 ? "scene" : "scenes"} rendered.`
              }
              icon={<LayersIcon size={16} />}
            />
            <CardContent>
              <SceneTiles job={job} previews={previews} />
            </CardContent>
          </Card>

          <EventLog job={job} events={events} expired={expired} />

          <SpecPanel spec={job.spec_snapshot ?? null} />
        </div>

        <div className="space-y-4 lg:sticky lg:top-32 lg:self-start">
          <Card>
            <CardHeader title="Credits" icon={<CoinsIcon size={16} />} />
            <CardContent className="pt-3">
              {job.credits_charged === 0 ? (
                <p className="text-sm text-zinc-500">{draft ? "Animatic drafts are free." : "No credits were charged."}</p>
              ) : (
                <dl className="divide-y divide-zinc-100">
                  <Row label="Charged" testId="credits-charged">
                    <span className="tabular-nums">{formatNumber(job.credits_charged)}</span>
                  </Row>
                  <Row label="Refunded" testId="credits-refunded">
                    <span className={cn("tabular-nums", job.credits_refunded > 0 && "text-emerald-700")}>
                      {job.credits_refunded > 0 ? `+${formatNumber(job.credits_refunded)}` : "0"}
                    </span>
                  </Row>
                  <Row label="Net" testId="credits-net">
                    <span className="text-[15px] font-semibold tabular-nums">{formatNumber(job.net_credits)}</span>
                  </Row>
                </dl>
              )}
            </CardContent>
          </Card>

          <Card>
            <CardHeader title="Details" icon={<FilmIcon size={16} />} />
            <CardContent className="pt-3">
              {job.output?.thumbnail_url ? (
                <a href={job.output.thumbnail_url} target="_blank" rel="noreferrer" className="mb-3 block overflow-hidden rounded-lg border border-zinc-200">
                  {/* Presigned storage URLs are on arbitrary hosts, so next/image is not used. */}
                  {/* eslint-disable-next-line @next/next/no-img-element */}
                  <img src={job.output.thumbnail_url} alt={`Thumbnail of ${title}`} data-testid="job-thumbnail" className="aspect-video w-full object-cover" />
                </a>
              ) : null}
              <dl className="divide-y divide-zinc-100">
                <Row label="Job ID">
                  <span className="inline-flex items-center gap-1">
                    <code className="font-mono text-xs text-zinc-700" title={job.id}>
                      {shortId(job.id)}…
                    </code>
                    <CopyButton value={job.id} iconOnly variant="ghost" label="Copy job ID" className="h-6 w-6" />
                  </span>
                </Row>
                <Row label="Mode">{draft ? "Animatic draft" : "Full render"}</Row>
                <Row label="Resolution">{job.output?.resolution ?? job.options?.resolution ?? "720p"}</Row>
                <Row label="Frame rate">{job.options?.fps ?? 24} fps</Row>
                <Row label="Seed">
                  <span className="font-mono text-xs">{meta?.seed ?? job.options?.seed ?? "random"}</span>
                </Row>
                {meta ? (
                  <Row label="Model">
                    <span className="font-mono text-xs" title={meta.backend}>
                      {meta.model}
                    </span>
                  </Row>
                ) : null}
                <Row label="Created">{formatDateTime(job.created_at)}</Row>
                <Row label="Started">{formatDateTime(job.started_at)}</Row>
                <Row label={job.status === "completed" ? "Completed" : "Finished"}>{formatDateTime(job.completed_at)}</Row>
                {renderTime !== null ? <Row label="Took">{formatSeconds(renderTime)}</Row> : null}
                <Row label="Storage">{job.is_ephemeral ? "Ephemeral" : "Project"}</Row>
              </dl>
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}
