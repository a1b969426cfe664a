import { describe, expect, it } from "vitest";
import { layoutText, wrap } from "./text-layout";

describe("wrap", () => {
  it("breaks at spaces within the width and splits words longer than a line", () => {
    expect(wrap("the quick brown fox jumps", 10)).toEqual(["the quick", "brown fox", "jumps"]);
    expect(wrap("a supercalifragilistic b", 8)).toEqual(["a", "supercal", "ifragili", "stic b"]);
    expect(wrap("  \n ", 8)).toEqual([]);
  });
});

describe("layoutText", () => {
  const box = { width: 1075, height: 396, maxFontSize: 36, minFontSize: 16 };

  it("uses the largest font at which the whole prompt fits", () => {
    const short = layoutText("a lighthouse at dawn", box);
    expect(short.fontSize).toBe(36);
    expect(short.lines).toEqual(["a lighthouse at dawn"]);
    const long = layoutText("word ".repeat(150), box);
    expect(long.fontSize).toBeLessThan(36);
    expect(long.lines.join(" ").split(" ")).toHaveLength(150);
  });

  it("cuts a prompt too long for the smallest font with an ellipsis", () => {
    const l = layoutText("lorem ipsum ".repeat(400), box);
    expect(l.fontSize).toBe(16);
    expect(l.lines.length * 16 * 1.3).toBeLessThanOrEqual(396);
    expect(l.lines.at(-1)!.endsWith("…")).toBe(true);
  });
});
