import { describe, expect, it } from "vitest";
import type { AssetResolver } from "./validate";
import { validateStoryboard } from "./validate";
import { WELCOME_SPEC } from "./welcome";

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const base = (): Doc => structuredClone(WELCOME_SPEC) as Doc;
const IMG = "11111111-1111-4111-8111-111111111111";
const SND = "22222222-2222-4222-8222-222222222222";
const PENDING = "33333333-3333-4333-8333-333333333333";
const files: AssetResolver = {
  resolve: async () =>
    new Map([
      [IMG, { status: "ready", contentType: "image/png" }],
      [SND, { status: "ready", contentType: "audio/wav" }],
      [PENDING, { status: "pending", contentType: "audio/wav" }],
    ]),
};

async function check(doc: unknown) {
  return validateStoryboard(doc, { assets: files });
}
async function errorPaths(doc: unknown) {
  return (await check(doc)).errors.map((e) => e.path);
}
async function warningPaths(doc: unknown) {
  return (await check(doc)).warnings.map((e) => e.path);
}

describe("WELCOME_SPEC", () => {
  it("is valid with no warnings", async () => {
    const r = await check(base());
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.valid).toBe(true);
  });
});

describe("errors (spec part 3 §2)", () => {
  it("document not an object", async () => {
    for (const doc of [[], "text", 3, null]) expect((await check(doc)).valid).toBe(false);
  });

  it("required fields: title and scenes", async () => {
    const d = base();
    delete d.title;
    delete d.scenes;
    const r = await check(d);
    expect(r.errors.map((e) => [e.path, e.message])).toEqual(
      expect.arrayContaining([
        ["title", "This field is required."],
        ["scenes", "This field is required."],
      ]),
    );
  });

  it("unknown fields are errors with their path", async () => {
    const d = base();
    d.scenes[0].durations = 3;
    expect(await errorPaths(d)).toEqual(["scenes[0].durations"]);
  });

  it("count limits: > 50 scenes, > 20 symbols, > 20 presets, > 100 timeline elements", async () => {
    const many = base();
    many.scenes = Array.from({ length: 51 }, (_, i) => ({ id: `s${i}`, prompt: "x", duration: 1 }));
    let r = await check(many);
    expect(r.errors).toContainEqual(expect.objectContaining({ path: "scenes", limit: 50 }));
    const ok = base();
    ok.scenes = Array.from({ length: 50 }, (_, i) => ({ id: `s${i}`, prompt: "x", duration: 1 }));
    delete ok.transitions;
    ok.symbols = {};
    expect((await check(ok)).errors).toEqual([]);

    const syms = base();
    for (let i = 0; i < 21; i++) syms.symbols[`extra${i}`] = { prompt: "p" };
    r = await check(syms);
    expect(r.errors).toContainEqual(expect.objectContaining({ path: "symbols", limit: 20 }));

    const presets = base();
    presets.transition_presets = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`p${i}`, { type: "fade" }]));
    expect((await check(presets)).errors).toContainEqual(expect.objectContaining({ path: "transition_presets", limit: 20 }));

    const tl = base();
    tl.timeline = Array.from({ length: 101 }, () => ({ scene: "storm" }));
    expect((await check(tl)).errors).toContainEqual(expect.objectContaining({ path: "timeline", limit: 100 }));
  });

  it("field limits: duration 1..30, prompt ≤ 2000, volume 0..1, ≤ 10 sfx, ≤ 5 dialogue, text ≤ 500", async () => {
    const d = base();
    d.scenes[0].duration = 31;
    d.scenes[1].duration = 0.5;
    d.scenes[0].prompt = "x".repeat(2001);
    d.scenes[0].audio.music.volume = 1.5;
    d.scenes[1].audio.sfx = Array.from({ length: 11 }, () => ({ asset_id: "asset_sfx_pop" }));
    d.symbols.keeper.voice = { asset_id: "asset_sfx_click" };
    d.scenes[1].audio.dialogue = Array.from({ length: 6 }, () => ({ speaker: "keeper", text: "hi" }));
    d.scenes[0].audio.dialogue = [{ speaker: "keeper", text: "y".repeat(501) }];
    const r = await check(d);
    expect(r.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "scenes[0].duration", limit: 30, value: 31 }),
        expect.objectContaining({ path: "scenes[1].duration", limit: 1 }),
        expect.objectContaining({ path: "scenes[0].prompt", limit: 2000 }),
        expect.objectContaining({ path: "scenes[0].audio.music.volume", limit: 1 }),
        expect.objectContaining({ path: "scenes[1].audio.sfx", limit: 10 }),
        expect.objectContaining({ path: "scenes[1].audio.dialogue", limit: 5 }),
        expect.objectContaining({ path: "scenes[0].audio.dialogue[0].text", limit: 500 }),
      ]),
    );
  });

  it("total duration > 300 s (played, flashback and montage included)", async () => {
    const d = base();
    d.scenes = Array.from({ length: 11 }, (_, i) => ({ id: `s${i}`, prompt: "x", duration: 28 }));
    delete d.transitions;
    d.symbols = {};
    const r = await check(d);
    expect(r.errors).toContainEqual(expect.objectContaining({ path: "scenes", limit: 300, value: 308 }));
    d.scenes.pop();
    expect((await check(d)).errors).toEqual([]);
    d.timeline = [{ flashback: { scenes: ["s0", "s1"] } }, ...d.scenes.map((s: Doc) => ({ scene: s.id }))];
    expect((await check(d)).errors).toContainEqual(expect.objectContaining({ path: "timeline", limit: 300 }));
  });

  it("duplicate scene ids", async () => {
    const d = base();
    d.scenes[1].id = "storm";
    expect(await errorPaths(d)).toContain("scenes[1].id");
  });

  it("timeline scene / flashback / montage refer to undefined scenes (valid_values lists the defined ones)", async () => {
    const d = base();
    d.timeline = [{ scene: "nope" }, { flashback: { scenes: ["storm", "gone"] } }, { montage: { scenes: ["dawn", "x"] } }];
    const r = await check(d);
    expect(r.errors.map((e) => e.path)).toEqual(["timeline[0].scene", "timeline[1].flashback.scenes[1]", "timeline[2].montage.scenes[1]"]);
    expect(r.errors[0]!.valid_values).toEqual(["storm", "dawn"]);
    d.timeline = [{ scene: "storm" }, { flashback: { scenes: ["dawn"] } }];
    expect((await check(d)).errors).toEqual([]);
  });

  it("timeline transition names must be presets or built-in types", async () => {
    const d = base();
    d.timeline = [{ scene: "storm" }, { transition: "sparkle" }, { scene: "dawn" }];
    let r = await check(d);
    expect(r.errors).toEqual([expect.objectContaining({ path: "timeline[1].transition", value: "sparkle" })]);
    expect(r.errors[0]!.valid_values).toContain("dissolve");
    d.transition_presets = { sparkle: { type: "flash", duration: 0.3 } };
    r = await check(d);
    expect(r.errors).toEqual([]);
    d.timeline[1].transition = "wipe";
    expect((await check(d)).errors).toEqual([]);
  });

  it("transitions keys other than default must be a->b with both scenes defined", async () => {
    const d = base();
    d.transitions = { default: "fade", "storm->nowhere": "cut", bogus: "fade" };
    const r = await check(d);
    expect(r.errors.map((e) => e.path)).toEqual(['transitions["storm->nowhere"]', "transitions.bogus"]);
    d.transitions = { default: "fade", "storm->dawn": "dissolve" };
    expect((await check(d)).errors).toEqual([]);
  });

  it("@name in a scene prompt that is not a defined symbol", async () => {
    const d = base();
    d.scenes[0].prompt = "@ghost haunts @keeper in @lighthouse";
    const r = await check(d);
    expect(r.errors).toEqual([expect.objectContaining({ path: "scenes[0].prompt", value: "@ghost" })]);
  });

  it("dialogue speaker that is not a symbol, or whose symbol has no voice", async () => {
    const d = base();
    d.scenes[0].audio.dialogue = [{ speaker: "nobody", text: "hello" }, { speaker: "keeper", text: "hello" }];
    expect(await errorPaths(d)).toEqual(["scenes[0].audio.dialogue[0].speaker", "scenes[0].audio.dialogue[1].speaker"]);
    d.symbols.keeper.voice = { asset_id: SND };
    d.scenes[0].audio.dialogue = [{ speaker: "keeper", text: "hello" }];
    expect((await check(d)).errors).toEqual([]);
  });

  it("system asset ids must exist in the catalog; system ids cannot be images", async () => {
    const d = base();
    d.scenes[0].audio.sfx[0].asset_id = "asset_sfx_kazoo";
    d.symbols.keeper.reference_images = [{ asset_id: "asset_sfx_pop" }];
    expect(await errorPaths(d)).toEqual(["symbols.keeper.reference_images[0].asset_id", "scenes[0].audio.sfx[0].asset_id"]);
  });

  it("asset file UUIDs must be usable by the caller, ready and of the right media type", async () => {
    const d = base();
    d.symbols.keeper.reference_images = [{ asset_id: IMG }, { asset_id: SND }];
    d.scenes[0].audio.music.asset_id = IMG;
    d.scenes[1].audio.music.asset_id = PENDING;
    d.global_audio.ambient.asset_id = "44444444-4444-4444-8444-444444444444";
    const r = await check(d);
    expect(r.errors.map((e) => e.path)).toEqual([
      "global_audio.ambient.asset_id",
      "symbols.keeper.reference_images[1].asset_id",
      "scenes[0].audio.music.asset_id",
      "scenes[1].audio.music.asset_id",
    ]);
    d.symbols.keeper.reference_images = [{ asset_id: IMG }];
    d.scenes[0].audio.music.asset_id = SND;
    d.scenes[1].audio.music.asset_id = SND;
    d.global_audio.ambient.asset_id = SND;
    expect((await check(d)).errors).toEqual([]);
  });

  it("malformed ids and types report what was expected", async () => {
    const d = base();
    d.scenes[0].id = "Has Spaces";
    d.scenes[1].duration = "five";
    d.symbols["bad-name"] = { prompt: "x" };
    d.scenes[0].audio.music.asset_id = "music.mp3";
    const r = await check(d);
    expect(r.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(["scenes[0].id", "scenes[1].duration", 'symbols["bad-name"]', "scenes[0].audio.music.asset_id"]),
    );
    expect(r.errors.find((e) => e.path === "scenes[1].duration")!.message).toBe("Expected a number, got a string.");
  });

  it("a transition object with a bad type lists the valid types", async () => {
    const d = base();
    d.transitions["storm->dawn"].type = "spin";
    const r = await check(d);
    expect(r.errors).toEqual([expect.objectContaining({ path: 'transitions["storm->dawn"].type', valid_values: expect.arrayContaining(["fade"]) })]);
  });

  it("every error is reported at once", async () => {
    const d = base();
    d.title = "";
    d.scenes[0].duration = 99;
    d.scenes[1].prompt = "";
    expect((await errorPaths(d)).sort()).toEqual(["scenes[0].duration", "scenes[1].prompt", "title"]);
  });
});

describe("all issues at once: structural errors do not hide reference errors", () => {
  const three = (): Doc => {
    const d = base();
    d.scenes.push({ id: "calm", prompt: "@keeper and @ghost on the empty beach", duration: 4 });
    d.timeline = [{ scene: "storm" }, { scene: "dawn" }, { scene: "calm" }];
    return d;
  };

  it("scenes[1].duration: 45 and an unknown @ghost in scenes[2].prompt are both reported", async () => {
    const d = three();
    d.scenes[1].duration = 45;
    const r = await check(d);
    expect(r.valid).toBe(false);
    expect(r.errors.map((e) => e.path).sort()).toEqual(["scenes[1].duration", "scenes[2].prompt"]);
    expect(r.errors.find((e) => e.path === "scenes[2].prompt")).toMatchObject({ message: "Unknown symbol @ghost.", value: "@ghost" });
  });

  it("a type error elsewhere (global_prompt, a timeline element, a symbol) still lets every sound part be checked", async () => {
    const d = three();
    d.global_prompt = { positive: 42 };
    d.timeline.push({ scene: "nowhere" }, { flashback: { scenes: "storm" } });
    d.symbols.keeper.prompt = "x".repeat(1001);
    d.scenes[0].audio.music.asset_id = "asset_music_missing";
    const r = await check(d);
    expect(r.errors.map((e) => e.path).sort()).toEqual(
      ["global_prompt.positive", "scenes[0].audio.music.asset_id", "scenes[2].prompt", "symbols.keeper.prompt", "timeline[3].scene", "timeline[4].flashback.scenes"].sort(),
    );
    // @keeper is defined (its definition has an error of its own), so only @ghost is unknown.
    expect(r.errors.filter((e) => e.message.startsWith("Unknown symbol")).map((e) => e.value)).toEqual(["@ghost"]);
  });

  it("references to a scene whose own fields are invalid are not reported as unknown", async () => {
    const d = three();
    d.scenes[2].duration = 0;
    d.transitions = { "calm->storm": "fade", "dawn->ghost": "fade" };
    const r = await check(d);
    expect(r.errors.map((e) => e.path).sort()).toEqual(['transitions["dawn->ghost"]', "scenes[2].duration"].sort());
  });

  it("only an unparseable document or a non-mapping stops at one error", async () => {
    for (const doc of [[], "text", 3, null]) expect((await check(doc)).errors).toHaveLength(1);
  });
});

describe("warnings (render still allowed)", () => {
  it("scene longer than 10 s", async () => {
    const d = base();
    d.scenes[0].duration = 12;
    const r = await check(d);
    expect(r.valid).toBe(true);
    expect(r.warnings.map((w) => w.path)).toEqual(["scenes[0].duration"]);
  });

  it("a symbol never used", async () => {
    const d = base();
    d.symbols.gull = { prompt: "a seagull" };
    expect(await warningPaths(d)).toEqual(["symbols.gull"]);
  });

  it("a scene never reached by the timeline", async () => {
    const d = base();
    d.timeline = [{ scene: "storm" }];
    expect(await warningPaths(d)).toEqual(["scenes[1]"]);
  });

  it("a transition longer than either adjacent scene's half", async () => {
    const d = base();
    d.transitions["storm->dawn"].duration = 3;
    expect(await warningPaths(d)).toEqual(['transitions["storm->dawn"]']);
  });

  it("a prompt over 1,500 characters", async () => {
    const d = base();
    d.scenes[0].prompt = `@keeper @lighthouse ${"z".repeat(1500)}`;
    expect(await warningPaths(d)).toEqual(["scenes[0].prompt"]);
  });
});
