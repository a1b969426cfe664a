import { describe, expect, it } from "vitest";
import { SYSTEM_ASSETS, SYSTEM_ASSET_IDS } from "./catalog";
import { buildGraph, num, prng } from "./dsp";
import { m } from "./music";
import { RECIPES, levels, recipeGraph, recipeHash } from "./synth";

describe("synthesis recipes (pure: no ffmpeg here)", () => {
  it("one recipe per catalog asset, no others", () => {
    expect(Object.keys(RECIPES).sort()).toEqual([...SYSTEM_ASSET_IDS].sort());
  });

  it("every graph ends in [out], cut to the exact sample count, and quotes only whole expressions", () => {
    for (const a of SYSTEM_ASSETS) {
      const g = recipeGraph(a);
      const samples = Math.round(a.seconds * 48_000);
      expect(g, a.id).toContain(`atrim=end_sample=${samples}`);
      expect(g.trimEnd().endsWith("[out]"), a.id).toBe(true);
      expect((g.match(/'/g) ?? []).length % 2, a.id).toBe(0);
      expect(g, a.id).not.toMatch(/NaN|Infinity|undefined/);
    }
  });

  it("is deterministic: the same graph and hash every time, a different hash per asset", () => {
    const hashes = SYSTEM_ASSETS.map(recipeHash);
    expect(SYSTEM_ASSETS.map(recipeHash)).toEqual(hashes);
    expect(new Set(hashes).size).toBe(42);
    expect(recipeGraph(SYSTEM_ASSETS[0]!)).toBe(recipeGraph(SYSTEM_ASSETS[0]!));
  });

  it("aecho is only ever used behind the clipping guard", () => {
    for (const a of SYSTEM_ASSETS) {
      const g = recipeGraph(a);
      const guarded = g.match(/volume=0\.015625,aecho=[^,]+,volume=64/g) ?? [];
      expect(guarded.length, a.id).toBe((g.match(/aecho=/g) ?? []).length);
    }
  });
});

describe("dsp helpers", () => {
  it("num: expression-safe literals", () => {
    expect(num(1)).toBe("1");
    expect(num(-0.5)).toBe("(-0.5)");
    expect(num(1 / 3)).toBe("0.333333");
    expect(num(-1e-9)).toBe("0");
    expect(() => num(Number.NaN)).toThrow();
  });

  it("prng: reproducible", () => {
    const a = prng(42);
    const b = prng(42);
    const xs = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it("note names", () => {
    expect([m("C4"), m("A4"), m("Bb3"), m("F#5"), m("C#3")]).toEqual([60, 69, 58, 78, 49]);
  });

  it("buildGraph: layers delayed in samples, panned, mixed without normalisation", () => {
    const g = buildGraph({ layers: [{ expr: "sin(t)", dur: 0.5, at: 0.25, pan: -1 }, { expr: ["0", "0"], dur: 1 }] }, 1);
    expect(g).toContain("adelay=delays=12000S:all=1[l0]");
    expect(g).toContain("pan=stereo|c0=1*c0|c1=0*c0");
    expect(g).toContain("exprs='0|0':c=stereo");
    expect(g).toContain("[l0][l1]amix=inputs=2:normalize=0");
  });

  it("levels: peak and RMS of float samples; NaN is an error", () => {
    const buf = Buffer.alloc(16);
    [0.5, -0.5, 0.5, -0.5].forEach((v, i) => buf.writeFloatLE(v, i * 4));
    const l = levels(buf);
    expect(l.samples).toBe(4);
    expect(l.peakDb).toBeCloseTo(-6.02, 1);
    expect(l.rmsDb).toBeCloseTo(-6.02, 1);
    buf.writeFloatLE(Number.NaN, 0);
    expect(() => levels(buf)).toThrow(/NaN/);
  });
});
