import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildPlan, type PlaybackPlan } from "@/lib/storyboard/playback";
import type { Storyboard } from "@/lib/storyboard/schema";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { feasible, storyboardArb } from "./test-storyboards";
import { buildVideoGraph, type VideoGraph } from "./video-graph";

function graphFor(plan: PlaybackPlan, fps: number): VideoGraph {
  return buildVideoGraph({ plan, clipInputs: plan.clips.map((_, i) => i), width: 320, height: 180, fps });
}

describe("buildVideoGraph", () => {
  it("joins the welcome storyboard with a 1 s fade at 4 s: 9 s, 216 frames at 24 fps", () => {
    const g = graphFor(buildPlan(WELCOME_SPEC), 24);
    expect(g.joins).toEqual([{ index: 1, kind: "fade", offset: 4, duration: 1 }]);
    expect(g.frames).toBe(216);
    expect(g.filters.at(-2)).toBe("[c0][c1]xfade=transition=fade:duration=1:offset=4[j1]");
  });

  it("reads a scene that plays twice from its own input each time (no split buffering) and concatenates at cuts", () => {
    const sb: Storyboard = { title: "t", scenes: [{ id: "a", prompt: "a", duration: 2 }, { id: "b", prompt: "b", duration: 3 }], timeline: [{ scene: "a" }, { scene: "b" }, { flashback: { scenes: ["a"], treatment: { vignette: true } } }] };
    const g = graphFor(buildPlan(sb), 25);
    expect(g.filters.some((f) => f.includes("split"))).toBe(false);
    expect(g.filters.find((f) => f.startsWith("[2:v]"))).toContain("vignette=angle=PI/4");
    expect(g.joins.map((j) => [j.kind, j.offset])).toEqual([["concat", 2], ["concat", 5]]);
    expect(g.duration).toBe(7);
  });

  it("property: the joins add up to the plan's duration (to the nearest frame) with every offset inside the stream so far", () => {
    fc.assert(
      fc.property(storyboardArb(), fc.constantFrom(24, 25, 30), (sb, fps) => {
        const plan = buildPlan(sb);
        fc.pre(plan.clips.length > 0);
        const g = graphFor(plan, fps);
        let length = g.clipFrames[0]! / fps;
        g.joins.forEach((j) => {
          expect(j.offset).toBeGreaterThanOrEqual(0);
          expect(j.offset + j.duration).toBeCloseTo(length, 5);
          length = j.offset + g.clipFrames[j.index]! / fps;
        });
        expect(length).toBeCloseTo(g.duration, 5);
        const overlap = g.joins.reduce((s, j) => s + j.duration, 0);
        expect(g.clipFrames.reduce((s, n) => s + n, 0) / fps - overlap).toBeCloseTo(g.duration, 5);
        if (feasible(plan)) expect(Math.abs(g.duration - plan.duration)).toBeLessThanOrEqual(0.5 / fps + 1e-9);
      }),
      { numRuns: 400 },
    );
  });
});
