/**
 * Storyboard transitions and flashback treatments as ffmpeg filters (spec part 4 §2 step 4).
 * Every transition but a cut is an `xfade` of the two clips over the transition's duration;
 * a cut is a plain concatenation.
 */
import type { Clip, ResolvedTransition } from "@/lib/storyboard/playback";

type Mapped = Exclude<ResolvedTransition["type"], "cut" | "custom">;

export const XFADE_BY_TYPE: Readonly<Record<Mapped, string>> = {
  fade: "fade",
  dissolve: "dissolve",
  wipe: "wipeleft",
  zoom: "zoomin",
  blur: "hblur",
  flash: "fadewhite",
  glitch: "pixelize",
};

const WIPES: Readonly<Record<string, string>> = { left: "wipeleft", right: "wiperight", up: "wipeup", down: "wipedown" };

const param = (t: ResolvedTransition, key: string): string | undefined => {
  const v = t.params?.[key];
  return typeof v === "string" ? v : undefined;
};

function isMapped(type: string | undefined): type is Mapped {
  return type !== undefined && Object.prototype.hasOwnProperty.call(XFADE_BY_TYPE, type);
}

/**
 * The xfade transition for a junction, or null for a cut. `wipe` takes `params.direction`
 * (left, right, up, down); `custom` plays as its `params.base` type, else as a fade (never as a
 * cut: its duration is already counted as overlap in the estimate).
 */
export function xfadeName(t: ResolvedTransition): string | null {
  if (t.type === "cut" || t.duration <= 0) return null;
  const type = t.type === "custom" ? param(t, "base") : t.type;
  if (type === "wipe") return WIPES[param(t, "direction") ?? "left"] ?? XFADE_BY_TYPE.wipe;
  return isMapped(type) ? XFADE_BY_TYPE[type] : XFADE_BY_TYPE.fade;
}

const num = (x: number) => Number(x.toFixed(3));

/** Filters for a flashback treatment, in order: colour, focus, vignette, grain. */
export function treatmentFilters(t: Clip["treatment"], height: number): string[] {
  if (!t) return [];
  const filters: string[] = [];
  if (t.desaturate) filters.push(`hue=s=${num(1 - t.desaturate)}`);
  if (t.blur) filters.push(`gblur=sigma=${num((t.blur * height) / 80)}`);
  if (t.vignette) filters.push("vignette=angle=PI/4");
  if (t.grain) filters.push(`noise=alls=${Math.max(1, Math.round(t.grain * 30))}:allf=t+u`);
  return filters;
}
