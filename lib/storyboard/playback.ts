import type { Path } from "./issues";
import { DEFAULT_TRANSITION_SECONDS, TRANSITION_TYPES, type Storyboard, type Transition, type TransitionRef } from "./schema";

/**
 * How a storyboard plays (spec part 3 §1): the clips in order and the transition at each
 * junction. Used by the validator (total length, reachability, transition warnings), the estimate
 * and the renderer, so all three agree.
 */

export const PACE_FACTOR = { slow: 1, medium: 0.75, fast: 0.5 } as const;

export interface ResolvedTransition {
  type: Transition["type"];
  duration: number;
  audio?: Transition["audio"];
  params?: Transition["params"];
  effects?: Transition["effects"];
  /** The preset or built-in name it came from, if any. */
  name?: string;
}

export interface Clip {
  sceneId: string;
  /** Seconds this clip plays (a montage shortens it). */
  duration: number;
  kind: "scene" | "flashback" | "montage";
  treatment?: { desaturate?: number; vignette?: boolean; grain?: number; blur?: number };
}

export interface Junction {
  /** Index of the clip after the junction (the one before is index - 1). */
  index: number;
  transition: ResolvedTransition;
  /** Where the transition was chosen (for messages); null for the implicit cut. */
  path: Path | null;
}

export interface PlaybackPlan {
  clips: Clip[];
  junctions: Junction[];
  /** Transition elements with no clip on one side: they have no effect. */
  strayTransitions: Path[];
  /** Video length: clip durations minus every transition's overlap. */
  duration: number;
}

const CUT: ResolvedTransition = { type: "cut", duration: 0 };
const BUILT_IN = new Set<string>(TRANSITION_TYPES.filter((t) => t !== "custom"));

export function isBuiltInTransition(name: string): boolean {
  return BUILT_IN.has(name);
}

function fromTransition(t: Transition, name?: string): ResolvedTransition {
  const duration = t.type === "cut" ? 0 : (t.duration ?? DEFAULT_TRANSITION_SECONDS);
  return { type: t.type, duration, audio: t.audio, params: t.params, effects: t.effects, ...(name ? { name } : {}) };
}

/** A preset name, a built-in type name, or a transition; unknown names resolve to a cut (the validator reports them). */
export function resolveTransition(sb: Storyboard, ref: TransitionRef): ResolvedTransition {
  if (typeof ref !== "string") return fromTransition(ref);
  const preset = sb.transition_presets?.[ref];
  if (preset && Object.prototype.hasOwnProperty.call(sb.transition_presets, ref)) return fromTransition(preset, ref);
  if (BUILT_IN.has(ref)) return fromTransition({ type: ref as Transition["type"] }, ref);
  return CUT;
}

/** Scenes in play order without a timeline: by `order`, then document order; unordered scenes last. */
export function defaultSceneOrder(sb: Storyboard): string[] {
  return sb.scenes
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.order ?? Number.POSITIVE_INFINITY) - (b.s.order ?? Number.POSITIVE_INFINITY) || a.i - b.i)
    .map(({ s }) => s.id);
}

export function buildPlan(sb: Storyboard): PlaybackPlan {
  const durations = new Map(sb.scenes.map((s) => [s.id, s.duration]));
  const clips: Clip[] = [];
  const junctions: Junction[] = [];
  const strayTransitions: Path[] = [];
  let pending: { ref: TransitionRef; path: Path } | null = null;

  const lookup = (a: string, b: string): Junction["transition"] | { t: ResolvedTransition; path: Path } => {
    const key = `${a}->${b}`;
    const map = sb.transitions ?? {};
    if (Object.prototype.hasOwnProperty.call(map, key)) return { t: resolveTransition(sb, map[key]!), path: ["transitions", key] };
    if (Object.prototype.hasOwnProperty.call(map, "default")) return { t: resolveTransition(sb, map.default!), path: ["transitions", "default"] };
    return CUT;
  };

  const push = (clip: Clip, internal?: { ref: TransitionRef | undefined; path: Path }) => {
    if (!durations.has(clip.sceneId)) return; // undefined scene: reported by the validator
    if (clips.length > 0) {
      let transition: ResolvedTransition;
      let path: Path | null = null;
      if (internal) {
        transition = internal.ref === undefined ? CUT : resolveTransition(sb, internal.ref);
        path = internal.ref === undefined ? null : internal.path;
      } else if (pending) {
        transition = resolveTransition(sb, pending.ref);
        path = pending.path;
      } else {
        const found = lookup(clips[clips.length - 1]!.sceneId, clip.sceneId);
        if ("t" in found) {
          transition = found.t;
          path = found.path;
        } else transition = found;
      }
      junctions.push({ index: clips.length, transition, path });
    } else if (pending) {
      strayTransitions.push(pending.path);
    }
    pending = null;
    clips.push(clip);
  };

  if (!sb.timeline) {
    for (const id of defaultSceneOrder(sb)) push({ sceneId: id, duration: durations.get(id)!, kind: "scene" });
  } else {
    sb.timeline.forEach((el, i) => {
      if (el.scene !== undefined) {
        push({ sceneId: el.scene, duration: durations.get(el.scene) ?? 0, kind: "scene" });
      } else if (el.transition !== undefined) {
        if (pending) strayTransitions.push(pending.path);
        pending = { ref: el.transition, path: ["timeline", i, "transition"] };
      } else if (el.flashback) {
        const treatment = el.flashback.treatment ?? {};
        el.flashback.scenes.forEach((id) => push({ sceneId: id, duration: durations.get(id) ?? 0, kind: "flashback", treatment }));
      } else if (el.montage) {
        const m = el.montage;
        const factor = PACE_FACTOR[m.pace ?? "medium"];
        m.scenes.forEach((id, j) =>
          push(
            { sceneId: id, duration: (durations.get(id) ?? 0) * factor, kind: "montage" },
            j === 0 ? undefined : { ref: m.transition, path: ["timeline", i, "montage", "transition"] },
          ),
        );
      }
    });
    if (pending) strayTransitions.push((pending as { path: Path }).path);
  }

  const total = clips.reduce((s, c) => s + c.duration, 0) - junctions.reduce((s, j) => s + j.transition.duration, 0);
  return { clips, junctions, strayTransitions, duration: Math.round(total * 1000) / 1000 };
}
