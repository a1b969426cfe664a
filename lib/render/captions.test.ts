import { describe, expect, it } from "vitest";
import { buildPlan } from "@/lib/storyboard/playback";
import type { Storyboard } from "@/lib/storyboard/schema";
import { captionFilters, planCaptions } from "./captions";

const voice = { voice: { asset_id: "asset_sfx_pop" } };

function board(partial: Partial<Storyboard>): Storyboard {
  return { title: "t", symbols: { keeper: { prompt: "a keeper", ...voice } }, scenes: [], ...partial } as Storyboard;
}

describe("planCaptions: dialogue lines on the output timeline", () => {
  it("places each line at its scene's start + start, with the speaker's name, for its reading time", () => {
    const sb = board({
      scenes: [
        { id: "a", prompt: "a", duration: 4 },
        { id: "b", prompt: "b", duration: 6, audio: { dialogue: [{ speaker: "keeper", text: "The storm is coming.", start: 1 }] } },
      ],
      transitions: { default: { type: "fade", duration: 1 } },
    });
    // b starts at 4 − 1 (the fade overlaps) = 3; the line at 3 + 1, up for 0.5 + 4 words / 3 per second.
    expect(planCaptions(sb, buildPlan(sb))).toEqual([{ start: 4, end: 5.833, text: "keeper: The storm is coming.", clip: 1 }]);
  });

  it("a line without start follows the previous one; a line never outlasts the next line or its clip", () => {
    const sb = board({
      scenes: [
        {
          id: "a",
          prompt: "a",
          duration: 5,
          audio: { dialogue: [{ text: "one two three four five six seven eight nine ten eleven twelve" }, { text: "Next." }, { text: "Early.", start: 0.5 }] },
        },
      ],
    });
    expect(planCaptions(sb, buildPlan(sb))).toEqual([
      // cut short by "Early." at 0.5
      { start: 0, end: 0.5, text: "one two three four five six seven eight nine ten eleven twelve", clip: 0 },
      { start: 0.5, end: 2, text: "Early.", clip: 0 },
      // follows the first line's reading time (0.5 + 12 / 3 = 4.5 s) and stops at the clip's end
      { start: 4.5, end: 5, text: "Next.", clip: 0 },
    ]);
  });

  it("lines said at the same moment share one caption", () => {
    const sb = board({
      scenes: [{ id: "a", prompt: "a", duration: 5, audio: { dialogue: [{ speaker: "keeper", text: "Hello.", start: 1 }, { text: "Hi!", start: 1 }] } }],
    });
    expect(planCaptions(sb, buildPlan(sb))).toEqual([{ start: 1, end: 2.5, text: "keeper: Hello.\nHi!", clip: 0 }]);
  });

  it("drops a line that starts after a montage-trimmed clip ends, and one that would flash for under 0.3 s", () => {
    const sb = board({
      scenes: [{ id: "a", prompt: "a", duration: 4, audio: { dialogue: [{ text: "Late.", start: 3.5 }, { text: "Edge.", start: 2.9 }] } }],
      timeline: [{ montage: { scenes: ["a"], pace: "fast" } }],
    });
    // Fast pace: the clip plays 2 s, so both lines start too late.
    expect(planCaptions(sb, buildPlan(sb))).toEqual([]);
  });

  it("a scene played twice shows its lines both times", () => {
    const sb = board({
      scenes: [{ id: "a", prompt: "a", duration: 2, audio: { dialogue: [{ text: "Again." }] } }],
      timeline: [{ scene: "a" }, { scene: "a" }],
    });
    expect(planCaptions(sb, buildPlan(sb)).map((c) => [c.start, c.clip])).toEqual([
      [0, 0],
      [2, 1],
    ]);
  });
});

describe("captionFilters", () => {
  it("one centred drawtext per line reading its own file, enabled only for its caption's span; text never in the graph", () => {
    const long = "a ".repeat(200).trim() + " ;[x]'quote'";
    const { filters, files } = captionFilters(
      [
        { start: 1, end: 2.5, text: "Hello", clip: 0 },
        { start: 3, end: 4, text: `keeper: Hi\n${long}`, clip: 0 },
      ],
      1280,
      720,
      "/font.ttf",
    );
    expect(files.get("caption0_0.txt")).toBe("Hello");
    expect(filters[0]).toContain("textfile=caption0_0.txt");
    expect(filters[0]).toContain("x=(w-text_w)/2");
    expect(filters[0]).toContain("enable='between(t,1,2.5)'");
    // the second caption: its own first line, then the long one wrapped, 4 lines at most
    expect(files.get("caption1_0.txt")).toBe("keeper: Hi");
    const second = filters.slice(1);
    expect(second).toHaveLength(4);
    expect(second.every((f) => f.includes("enable='between(t,3,4)'"))).toBe(true);
    expect(filters.join()).not.toContain("quote");
    // the lines stack upwards from the bottom, one line height apart
    const ys = second.map((f) => Number(/:y=(\d+)/.exec(f)![1]));
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(new Set(ys.slice(1).map((y, i) => y - ys[i]!)).size).toBe(1);
  });
});
