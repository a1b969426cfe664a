/**
 * The video half of the stitch filtergraph: each clip normalised (rate, size, pixel format), its
 * flashback treatment applied, cut to its played length, then joined to the previous ones by xfade
 * or concat. Montage pacing trims a clip to its paced duration (its opening part plays at normal
 * speed) rather than speeding it up.
 *
 * Positions are whole frames taken from the exact timeline (timeline.ts): clip i covers frames
 * round(start·fps) to round(end·fps), so rounding never accumulates and the output lasts
 * round(plan.duration·fps) frames. A transition longer than a clip, which the validator only warns
 * about, is shortened to what the clips allow, and only then does the length differ from the plan.
 */
import type { PlaybackPlan } from "@/lib/storyboard/playback";
import { treatmentFilters, xfadeName } from "./effects";
import { clipSpans } from "./timeline";

export interface VideoGraphOptions {
  plan: PlaybackPlan;
  /**
   * ffmpeg input index of each clip, in play order. A scene that plays twice is opened twice:
   * `split` would hold every frame of the first play in memory until the second one (≈200 MB per
   * 6 s of 720p), where a second decode costs little.
   */
  clipInputs: readonly number[];
  width: number;
  height: number;
  fps: number;
}

export interface JoinStep {
  /** Index of the clip joined. */
  index: number;
  /** xfade transition name, or "concat" for a cut. */
  kind: string;
  /** Seconds from the start of the output where the transition (or the cut) begins. */
  offset: number;
  /** Seconds of overlap (0 for a cut). */
  duration: number;
}

export interface VideoGraph {
  filters: string[];
  /** Label of the final video stream. */
  output: string;
  frames: number;
  /** frames / fps. */
  duration: number;
  clipFrames: number[];
  joins: JoinStep[];
}

const sec = (frames: number, fps: number) => Number((frames / fps).toFixed(6));

function clipChain(opts: VideoGraphOptions, i: number, source: string, frames: number): string {
  const { width: w, height: h, fps } = opts;
  const chain = [
    "setpts=PTS-STARTPTS",
    `fps=${fps}`,
    // Cover, then crop the overflow: a GPU model's sizes are multiples of 32 (1280x704 for 720p),
    // and a few lines cropped look better than black bars.
    `scale=${w}:${h}:force_original_aspect_ratio=increase`,
    `crop=${w}:${h}`,
    "setsar=1",
    "format=yuv420p",
    ...treatmentFilters(opts.plan.clips[i]!.treatment, h),
    // A clip a frame or two short (another backend's rounding) is held on its last frame.
    `tpad=stop_mode=clone:stop=${frames}`,
    `trim=end_frame=${frames}`,
    "setpts=PTS-STARTPTS",
  ];
  return `[${source}]${chain.join(",")}[c${i}]`;
}

export function buildVideoGraph(opts: VideoGraphOptions): VideoGraph {
  const { plan, fps } = opts;
  if (plan.clips.length === 0) throw new Error("nothing to stitch: the plan has no clips");
  const filters: string[] = [];
  if (opts.clipInputs.length !== plan.clips.length) throw new Error(`${plan.clips.length} clips but ${opts.clipInputs.length} inputs`);
  const labels = opts.clipInputs.map((n) => `${n}:v`);
  const spans = clipSpans(plan);
  const at = (t: number) => Math.round(t * fps);
  const clipFrames = spans.map((s) => Math.max(1, at(s.end) - at(s.start)));
  clipFrames.forEach((n, i) => filters.push(clipChain(opts, i, labels[i]!, n)));

  const joins: JoinStep[] = [];
  let acc = "c0";
  let end = clipFrames[0]!;
  for (const j of plan.junctions) {
    const i = j.index;
    const n = clipFrames[i]!;
    const name = xfadeName(j.transition);
    const overlap = name ? Math.max(0, Math.min(end - at(spans[i]!.start), n, end)) : 0;
    const out = `j${i}`;
    if (!name || overlap === 0) {
      // concat outputs in microseconds; xfade needs both inputs in the clips' 1/fps time base.
      filters.push(`[${acc}][c${i}]concat=n=2:v=1:a=0,settb=1/${fps}[${out}]`);
      joins.push({ index: i, kind: "concat", offset: sec(end, fps), duration: 0 });
    } else {
      const offset = sec(end - overlap, fps);
      filters.push(`[${acc}][c${i}]xfade=transition=${name}:duration=${sec(overlap, fps)}:offset=${offset}[${out}]`);
      joins.push({ index: i, kind: name, offset, duration: sec(overlap, fps) });
    }
    acc = out;
    end = end - overlap + n;
  }
  filters.push(`[${acc}]null[vout]`);
  return { filters, output: "vout", frames: end, duration: end / fps, clipFrames, joins };
}
