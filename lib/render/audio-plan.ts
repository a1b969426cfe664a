/**
 * Every sound of a storyboard placed on the output timeline (spec part 3 §1, part 4 §2 step 4):
 * global music/ambient under the whole video, per-scene music/ambient over each clip of that scene,
 * sfx at `start` seconds into their clip, transition sounds where the transition begins (the cut
 * point for a cut). Dialogue has no voice
 * model to speak it here: it is shown as captions instead (captions.ts).
 *
 * A montage clip is its scene trimmed to the paced duration (stitch.ts), so an sfx whose `start`
 * falls after the trimmed end is dropped.
 */
import type { PlaybackPlan } from "@/lib/storyboard/playback";
import type { AudioRef, Storyboard } from "@/lib/storyboard/schema";
import { clipSpans } from "./timeline";

export type CueKind = "music" | "ambient" | "sfx" | "transition";

export interface AudioCue {
  /** System asset id or asset file UUID. */
  ref: string;
  kind: CueKind;
  /** Seconds on the output timeline. */
  start: number;
  /** Seconds it may play; absent = the sound's own length. Nothing plays past the video's end. */
  duration?: number;
  volume: number;
  fadeIn: number;
  fadeOut: number;
  /** Repeat the sound to fill `duration`; otherwise it stops at its own end. */
  loop: boolean;
  /** The clip the cue belongs to (for a transition sound: the clip after the junction). */
  clip?: number;
}

const ms = (x: number) => Math.round(x * 1000) / 1000;

function bed(ref: AudioRef, kind: CueKind, start: number, duration: number, clip?: number): AudioCue {
  return {
    ref: ref.asset_id,
    kind,
    start: ms(start),
    duration: ms(duration),
    volume: ref.volume ?? 1,
    fadeIn: ref.fade_in ?? 0,
    fadeOut: ref.fade_out ?? 0,
    loop: ref.loop ?? false,
    ...(clip === undefined ? {} : { clip }),
  };
}

function oneShot(ref: string, kind: CueKind, start: number, volume: number | undefined, clip: number): AudioCue {
  return { ref, kind, start: ms(start), volume: volume ?? 1, fadeIn: 0, fadeOut: 0, loop: false, clip };
}

export function planAudio(sb: Storyboard, plan: PlaybackPlan): AudioCue[] {
  const scenes = new Map(sb.scenes.map((s) => [s.id, s]));
  const spans = clipSpans(plan);
  const cues: AudioCue[] = [];
  for (const kind of ["music", "ambient"] as const) {
    const ref = sb.global_audio?.[kind];
    if (ref && plan.duration > 0) cues.push(bed(ref, kind, 0, plan.duration));
  }
  plan.clips.forEach((clip, i) => {
    const audio = scenes.get(clip.sceneId)?.audio;
    const span = spans[i]!;
    for (const kind of ["music", "ambient"] as const) {
      const ref = audio?.[kind];
      if (ref) cues.push(bed(ref, kind, span.start, clip.duration, i));
    }
    for (const sfx of audio?.sfx ?? []) {
      const at = sfx.start ?? 0;
      if (at < clip.duration) cues.push(oneShot(sfx.asset_id, "sfx", span.start + at, sfx.volume, i));
    }
  });
  for (const j of plan.junctions) {
    const ref = j.transition.audio?.asset_id;
    if (ref) cues.push(oneShot(ref, "transition", spans[j.index]!.start, j.transition.audio?.volume, j.index));
  }
  return cues;
}

/** The distinct asset ids the cues need (what the caller must download). */
export function audioRefs(cues: readonly AudioCue[]): string[] {
  return [...new Set(cues.map((c) => c.ref))];
}
