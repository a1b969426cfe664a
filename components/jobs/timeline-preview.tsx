"use client";

import { useMemo } from "react";
import { parse } from "yaml";
import { cn } from "@/components/ui/cn";
import { clipSpans } from "@/lib/render/timeline";
import { buildPlan } from "@/lib/storyboard/playback";
import type { Storyboard } from "@/lib/storyboard/schema";

const KIND_STYLE = {
  scene: "bg-brand-500/85 text-white",
  flashback: "bg-zinc-500/85 text-white",
  montage: "bg-amber-500/85 text-white",
} as const;

/**
 * The storyboard as it will play (the same playback plan the estimate and the renderer use): one
 * block per clip, as long as it plays, overlapping its neighbour by its transition.
 */
export function TimelinePreview({ text, valid }: { text: string; valid: boolean }) {
  const plan = useMemo(() => {
    if (!valid) return null;
    try {
      const p = buildPlan(parse(text) as Storyboard);
      return { plan: p, spans: clipSpans(p) };
    } catch {
      return null;
    }
  }, [text, valid]);
  if (!plan || plan.plan.duration <= 0) return null;
  const { plan: p, spans } = plan;
  const pct = (t: number) => `${(t / p.duration) * 100}%`;
  const transitionAt = new Map(p.junctions.map((j) => [j.index, j.transition]));
  return (
    <div className="space-y-1.5" data-testid="timeline-preview" data-clips={p.clips.length}>
      <div className="flex items-center justify-between text-xs text-zinc-500">
        <span className="font-medium text-zinc-700">How it plays</span>
        <span className="flex gap-3">
          <Legend className="bg-brand-500">scene</Legend>
          <Legend className="bg-zinc-500">flashback</Legend>
          <Legend className="bg-amber-500">montage</Legend>
        </span>
      </div>
      <div className="relative h-9 overflow-hidden rounded-md bg-zinc-100" role="img" aria-label={`${p.clips.length} clips, ${p.duration} seconds`}>
        {p.clips.map((clip, i) => {
          const span = spans[i]!;
          const t = transitionAt.get(i);
          return (
            <div
              key={i}
              className={cn("absolute inset-y-0 flex items-center overflow-hidden rounded-[3px] border-l border-white/60 px-1.5 text-[11px] font-medium whitespace-nowrap", KIND_STYLE[clip.kind])}
              style={{ left: pct(span.start), width: pct(span.end - span.start) }}
              title={`${clip.sceneId}: ${span.start.toFixed(1)}–${span.end.toFixed(1)} s${t && t.type !== "cut" ? ` · ${t.type} ${t.duration} s in` : ""}`}
            >
              {clip.sceneId}
            </div>
          );
        })}
      </div>
      <div className="flex justify-between font-mono text-[11px] text-zinc-400">
        <span>0 s</span>
        <span>{Number(p.duration.toFixed(2))} s</span>
      </div>
    </div>
  );
}

function Legend({ className, children }: { className: string; children: string }) {
  return (
    <span className="flex items-center gap-1">
      <span className={cn("h-2 w-2 rounded-sm", className)} />
      {children}
    </span>
  );
}
