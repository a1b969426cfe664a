import { describe, expect, it } from "vitest";
import type { ResolvedTransition } from "@/lib/storyboard/playback";
import { treatmentFilters, xfadeName } from "./effects";

const t = (type: ResolvedTransition["type"], params?: Record<string, unknown>, duration = 0.5): ResolvedTransition => ({ type, duration, params });

describe("xfadeName", () => {
  it("maps every storyboard transition type to an xfade transition; a cut (or 0 s) joins without one", () => {
    expect(
      Object.fromEntries((["fade", "dissolve", "wipe", "zoom", "blur", "flash", "glitch", "custom"] as const).map((type) => [type, xfadeName(t(type))])),
    ).toEqual({ fade: "fade", dissolve: "dissolve", wipe: "wipeleft", zoom: "zoomin", blur: "hblur", flash: "fadewhite", glitch: "pixelize", custom: "fade" });
    expect(xfadeName(t("cut", undefined, 0))).toBeNull();
    expect(xfadeName(t("fade", undefined, 0))).toBeNull();
  });

  it("wipes in params.direction; custom plays as params.base (never as a cut)", () => {
    expect(xfadeName(t("wipe", { direction: "up" }))).toBe("wipeup");
    expect(xfadeName(t("wipe", { direction: "sideways" }))).toBe("wipeleft");
    expect(xfadeName(t("custom", { base: "glitch" }))).toBe("pixelize");
    expect(xfadeName(t("custom", { base: "wipe", direction: "right" }))).toBe("wiperight");
    expect(xfadeName(t("custom", { base: "cut" }))).toBe("fade");
    expect(xfadeName(t("custom", { base: "toString" }))).toBe("fade");
  });
});

describe("treatmentFilters", () => {
  it("desaturate → hue, blur → gblur, vignette → vignette, grain → noise; zero strengths add nothing", () => {
    expect(treatmentFilters({ desaturate: 0.75, blur: 0.5, vignette: true, grain: 0.5 }, 720)).toEqual([
      "hue=s=0.25",
      "gblur=sigma=4.5",
      "vignette=angle=PI/4",
      "noise=alls=15:allf=t+u",
    ]);
    expect(treatmentFilters({ desaturate: 0, grain: 0, vignette: false }, 720)).toEqual([]);
    expect(treatmentFilters(undefined, 720)).toEqual([]);
  });
});
