"use client";

import { useEffect, useState } from "react";
import { formatSeconds } from "@/components/format";
import { ActivityIcon } from "@/components/icons";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { openJobStream } from "./live";
import type { Job, JobEvent } from "./types";

/**
 * Every event of the job from GET /v1/jobs/:id/events: a running job's stream stays open; a
 * finished job's replays its events and ends. Events are kept 7 days; after that `expired`.
 */
export function useJobEvents(jobId: string) {
  const [events, setEvents] = useState<JobEvent[]>([]);
  const [expired, setExpired] = useState(false);
  useEffect(() => {
    const close = openJobStream(jobId, {
      onEvent: (evt) => setEvents((list) => (list.some((e) => e.sequence === evt.sequence) ? list : [...list, evt].sort((a, b) => a.sequence - b.sequence))),
      onConnection: () => undefined,
      onGiveUp: () => setExpired(true),
    });
    return close;
  }, [jobId]);
  return { events, expired };
}

const TIME = new Intl.DateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });

function sceneLabel(evt: JobEvent, job: Job): string {
  const scenes = job.spec_snapshot?.scenes ?? [];
  const index = scenes.findIndex((s) => s.id === evt.scene_id);
  const of = evt.scenes_total ? ` (${evt.scenes_completed ?? "?"} of ${evt.scenes_total})` : "";
  return index >= 0 ? `Scene ${index + 1} “${evt.scene_id}” rendered${of}` : `Scene “${evt.scene_id}” rendered${of}`;
}

/** One line of the story, or null for events that only move the bar (percent within a phase). */
export function describeEvent(evt: JobEvent, job: Job): { text: string; tone: "neutral" | "good" | "bad" } | null {
  switch (evt.event_type) {
    case "queued": {
      const eta = evt.estimated_generation_time_seconds;
      return { text: `Queued${eta ? ` · about ${formatSeconds(eta)} to render` : ""}`, tone: "neutral" };
    }
    case "started":
      return { text: "Started", tone: "neutral" };
    case "progress":
      if (evt.phase === "stitching") return { text: "Stitching the scenes, sound and transitions", tone: "neutral" };
      if (evt.phase === "finalizing") return { text: "Finalizing the video", tone: "neutral" };
      if (evt.phase === "generating" && evt.current_scene) return { text: `Rendering scene “${evt.current_scene}”`, tone: "neutral" };
      return null;
    case "scene_complete":
      return { text: sceneLabel(evt, job), tone: "neutral" };
    case "completed":
      return { text: "Completed", tone: "good" };
    case "failed":
      return { text: `Failed: ${evt.error?.message ?? "something went wrong"}${evt.error?.scene_id ? ` (scene “${evt.error.scene_id}”)` : ""}`, tone: "bad" };
    case "canceled":
      return { text: `Canceled at ${evt.percent ?? 0}%`, tone: "bad" };
    default:
      return null;
  }
}

/** Lines that repeat the previous one (the same phase reported twice) are left out. */
function storyLines(events: JobEvent[], job: Job) {
  const lines: { key: number; at: string; text: string; tone: "neutral" | "good" | "bad" }[] = [];
  for (const evt of events) {
    const d = describeEvent(evt, job);
    if (!d || lines[lines.length - 1]?.text === d.text) continue;
    lines.push({ key: evt.sequence, at: evt.created_at, ...d });
  }
  return lines;
}

function offset(from: string | undefined, at: string): string {
  if (!from) return "";
  const s = (new Date(at).getTime() - new Date(from).getTime()) / 1000;
  return Number.isFinite(s) && s >= 0.5 ? `+${formatSeconds(s)}` : "";
}

/** "What happened": queued, started, each scene, stitching, and the outcome, with times. */
export function EventLog({ job, events, expired }: { job: Job; events: JobEvent[]; expired: boolean }) {
  const lines = storyLines(events, job);
  const first = events[0]?.created_at;
  return (
    <Card>
      <CardHeader title="What happened" description="Each step of this render, as it happened." icon={<ActivityIcon size={16} />} />
      <CardContent className="pt-3">
        {lines.length === 0 ? (
          <p className="text-sm text-zinc-500" data-testid="event-log-empty">
            {expired ? "The step-by-step log is kept for 7 days; this render's has expired." : "Loading the log…"}
          </p>
        ) : (
          <ol data-testid="event-log" aria-label="Render log" className="relative space-y-3 border-l border-zinc-200 pl-4">
            {lines.map((l) => (
              <li key={l.key} data-testid="event-log-item" className="relative">
                <span
                  aria-hidden="true"
                  className={cn(
                    "absolute top-1.5 -left-[21px] h-2.5 w-2.5 rounded-full ring-2 ring-white",
                    l.tone === "good" ? "bg-emerald-500" : l.tone === "bad" ? "bg-red-500" : "bg-zinc-300",
                  )}
                />
                <p className={cn("text-sm break-words", l.tone === "bad" ? "text-red-700" : "text-zinc-900")}>{l.text}</p>
                <p className="text-xs text-zinc-500 tabular-nums">
                  <time dateTime={l.at}>{TIME.format(new Date(l.at))}</time>
                  {offset(first, l.at) ? <span className="ml-2">{offset(first, l.at)}</span> : null}
                </p>
              </li>
            ))}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}

/**
 * Seconds left while rendering: the estimate written with the `queued` event less the time since
 * the job started (or, if that has run out, what the progress so far suggests). Null when unknown.
 */
export function remainingSeconds(job: Job, events: JobEvent[], now: number): number | null {
  const estimate = events.find((e) => e.event_type === "queued")?.estimated_generation_time_seconds;
  if (!estimate || job.is_terminal || !job.started_at) return null;
  const elapsed = Math.max(0, (now - new Date(job.started_at).getTime()) / 1000);
  const left = estimate - elapsed;
  if (left > 0) return left;
  const percent = job.progress?.percent ?? 0;
  return percent > 5 ? Math.max(1, (elapsed * (100 - percent)) / percent) : null;
}

/** Re-renders every second while `on` (for the countdown). */
export function useNow(on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [on]);
  return now;
}
