import { describe, expect, it } from "vitest";
import { orderStoryboardKeys } from "./key-order";
import { WELCOME_SPEC } from "./welcome";

describe("orderStoryboardKeys", () => {
  it("puts keys back in the order authors write them, whatever order JSONB returned", () => {
    const reverse = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverse) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverse(x)])) : v;
    const scrambled = reverse(WELCOME_SPEC);
    const shuffled = { scenes: [{ duration: 5, prompt: "p", id: "a" }], title: "T", version: "1" };
    expect(Object.keys(orderStoryboardKeys(shuffled) as object)).toEqual(["version", "title", "scenes"]);
    expect(Object.keys((orderStoryboardKeys(shuffled) as { scenes: object[] }).scenes[0]!)).toEqual(["id", "prompt", "duration"]);
    const ordered = orderStoryboardKeys(scrambled) as typeof WELCOME_SPEC;
    expect(ordered).toEqual(WELCOME_SPEC);
    expect(Object.keys(ordered)).toEqual(["title", "global_prompt", "global_audio", "symbols", "scenes", "transitions"]);
  });
});
