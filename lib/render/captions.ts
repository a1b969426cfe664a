/**
 * Dialogue as burned-in captions. The stitcher has no voice model, so a scene's `dialogue` lines
 * are shown as subtitles where they are spoken (spec part 3 §1: `start` seconds into the scene) on
 * every backend's output. A line without `start` follows the previous one (the first at 0). A line
 * stays up for its reading time (≈ 3 words a second, 1.5–6 s), never past the next line or its
 * clip's end; a line that starts after a (montage-trimmed) clip has ended is dropped, as sfx are.
 */
import type { PlaybackPlan } from "@/lib/storyboard/playback";
import type { Storyboard } from "@/lib/storyboard/schema";
import { wrap } from "./text-layout";
import { clipSpans } from "./timeline";

export interface Caption {
  /** Seconds on the output timeline. */
  start: number;
  end: number;
  text: string;
  clip: number;
}

const MIN_SECONDS = 1.5;
const MAX_SECONDS = 6;
const WORDS_PER_SECOND = 3;
/** A caption shorter than this is not worth flashing on screen. */
const MIN_VISIBLE = 0.3;
/** Lines of one caption on screen at most. */
const MAX_LINES = 4;

const ms = (x: number) => Math.round(x * 1000) / 1000;

export function readingTime(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.min(MAX_SECONDS, Math.max(MIN_SECONDS, 0.5 + words / WORDS_PER_SECOND));
}

type Line = NonNullable<NonNullable<Storyboard["scenes"][number]["audio"]>["dialogue"]>[number];

/** A scene's lines in time order, with their start in the scene; lines said at the same moment share one caption. */
function atTimes(lines: readonly Line[]): { at: number; text: string; seconds: number }[] {
  let next = 0;
  const timed = lines.map((line) => {
    const at = line.start ?? next;
    const text = (line.speaker ? `${line.speaker}: ${line.text}` : line.text).replace(/\s+/g, " ").trim();
    next = at + readingTime(line.text);
    return { at, text, seconds: readingTime(line.text) };
  });
  timed.sort((a, b) => a.at - b.at);
  const merged: typeof timed = [];
  for (const t of timed) {
    const last = merged[merged.length - 1];
    if (last && last.at === t.at) merged[merged.length - 1] = { at: t.at, text: `${last.text}\n${t.text}`, seconds: Math.max(last.seconds, t.seconds) };
    else merged.push(t);
  }
  return merged;
}

export function planCaptions(sb: Storyboard, plan: PlaybackPlan): Caption[] {
  const scenes = new Map(sb.scenes.map((s) => [s.id, s]));
  const spans = clipSpans(plan);
  const captions: Caption[] = [];
  plan.clips.forEach((clip, i) => {
    const span = spans[i]!;
    const timed = atTimes(scenes.get(clip.sceneId)?.audio?.dialogue ?? []);
    timed.forEach(({ at, text, seconds }, k) => {
      const start = span.start + at;
      const following = timed[k + 1];
      const stop = Math.min(start + seconds, span.start + clip.duration, following ? span.start + following.at : Infinity);
      if (stop - start >= MIN_VISIBLE) captions.push({ start: ms(start), end: ms(stop), text, clip: i });
    });
  });
  return captions;
}

export interface CaptionFilter {
  /** drawtext filters to chain onto the video, in order. */
  filters: string[];
  /** Text files the filters read (name → contents), relative to ffmpeg's working directory. */
  files: Map<string, string>;
}

/**
 * One drawtext per caption line, each centred on its own translucent box (ffmpeg 5.1's drawtext
 * cannot centre the lines of one text), the block sitting at the bottom, enabled for the caption's
 * time span. Text goes through files (expansion=none), so nothing in a line can break the graph.
 */
export function captionFilters(captions: readonly Caption[], width: number, height: number, font: string): CaptionFilter {
  const size = Math.max(12, Math.round(height / 24));
  const lineHeight = Math.round(size * 1.5);
  const bottom = Math.round(height * 0.07);
  const maxChars = Math.max(16, Math.floor((width * 0.8) / (size * 0.58)));
  const files = new Map<string, string>();
  const filters = captions.flatMap((c, k) => {
    const lines = c.text.split("\n").flatMap((line) => wrap(line, maxChars)).slice(0, MAX_LINES);
    return lines.map((line, n) => {
      const name = `caption${k}_${n}.txt`;
      files.set(name, line);
      const y = height - bottom - (lines.length - n) * lineHeight;
      return (
        `drawtext=fontfile=${font}:textfile=${name}:expansion=none:fontsize=${size}:fontcolor=white` +
        `:x=(w-text_w)/2:y=${y}:box=1:boxcolor=black@0.55:boxborderw=${Math.round(size * 0.3)}` +
        `:enable='between(t,${c.start},${c.end})'`
      );
    });
  });
  return { filters, files };
}
