import type { PlaybackPlan } from "@/lib/storyboard/playback";

/**
 * Where each clip of a playback plan sits on the output timeline. A transition of d seconds
 * overlaps the two clips it joins by d, so clip i starts d before clip i-1 ends; the last clip's
 * end is the plan's duration (the estimate).
 */
export interface ClipSpan {
  start: number;
  end: number;
}

const ms = (x: number) => Math.round(x * 1000) / 1000;

export function clipSpans(plan: PlaybackPlan): ClipSpan[] {
  const overlap = new Map(plan.junctions.map((j) => [j.index, j.transition.duration]));
  const spans: ClipSpan[] = [];
  let end = 0;
  plan.clips.forEach((clip, i) => {
    const start = i === 0 ? 0 : end - (overlap.get(i) ?? 0);
    end = start + clip.duration;
    spans.push({ start: ms(start), end: ms(end) });
  });
  return spans;
}
