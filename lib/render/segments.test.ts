import { describe, expect, it } from "vitest";
import { generationSize, joinedFrames, MAX_SEGMENT_FRAMES, planSegments, segmentKey } from "./segments";

describe("planSegments", () => {
  it("a 5 s scene is one 121-frame segment (the official template)", () => {
    expect(planSegments(5)).toEqual([{ index: 0, frames: 121, skipFirst: false, saveLastFrame: false }]);
  });

  it("a 30 s scene is 6 chained 121-frame segments: 121 + 5 × 120 frames cover 720 (30 s at 24 fps)", () => {
    const segs = planSegments(30);
    expect(segs.map((s) => s.frames)).toEqual([121, 121, 121, 121, 121, 121]);
    expect(segs.map((s) => s.skipFirst)).toEqual([false, true, true, true, true, true]);
    expect(segs.map((s) => s.saveLastFrame)).toEqual([true, true, true, true, true, false]);
    expect(joinedFrames(segs)).toBe(721);
  });

  it.each([0.1, 1, 2.5, 5, 5.1, 7, 10, 12.3, 20, 29.9, 30, 60])("%s s: every segment 4k+1 ≤ 121 frames, covering the duration with < 4 extra", (d) => {
    const segs = planSegments(d);
    for (const s of segs) {
      expect((s.frames - 1) % 4).toBe(0);
      expect(s.frames).toBeLessThanOrEqual(MAX_SEGMENT_FRAMES);
    }
    const need = Math.max(1, Math.round(d * 24));
    expect(joinedFrames(segs)).toBeGreaterThanOrEqual(need);
    expect(joinedFrames(segs)).toBeLessThan(need + 4);
  });

  it("a 7 s scene: 121 frames, then a short 49-frame segment for the 47 left", () => {
    expect(planSegments(7).map((s) => s.frames)).toEqual([121, 49]);
  });

  it("keys: the scene id for one segment, scene#i for a chain", () => {
    expect(segmentKey("storm", 0, 1)).toBe("storm");
    expect(segmentKey("storm", 2, 6)).toBe("storm#2");
  });
});

describe("generationSize", () => {
  it("16:9 and 9:16 outputs (720p, 1080p) generate at the model's 1280x704 / 704x1280", () => {
    expect(generationSize(1920, 1080)).toEqual({ width: 1280, height: 704 });
    expect(generationSize(1280, 720)).toEqual({ width: 1280, height: 704 });
    expect(generationSize(1080, 1920)).toEqual({ width: 704, height: 1280 });
  });

  it("other aspect ratios keep about the same pixel count, sides multiples of 32", () => {
    expect(generationSize(1080, 1080)).toEqual({ width: 960, height: 960 });
    const r = generationSize(1440, 1080);
    expect([r.width % 32, r.height % 32]).toEqual([0, 0]);
    expect(Math.abs(r.width / r.height - 4 / 3)).toBeLessThan(0.05);
  });
});
