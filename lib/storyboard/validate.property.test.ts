import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SYSTEM_ASSETS } from "@/lib/system-assets/catalog";
import { validateStoryboard } from "./validate";

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const sfxIds = SYSTEM_ASSETS.filter((a) => a.category === "sfx").map((a) => a.id);
const musicIds = SYSTEM_ASSETS.filter((a) => a.category === "music").map((a) => a.id);
const builtIns = ["cut", "fade", "dissolve", "wipe", "blur", "zoom", "flash", "glitch"];

/** Valid storyboards with no warnings: every symbol used, every scene reached, short transitions. */
const validStoryboard: fc.Arbitrary<Doc> = fc
  .record({
    title: fc.string({ minLength: 1, maxLength: 40 }).filter((t) => t.trim().length > 0),
    durations: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 8 }),
    symbols: fc.uniqueArray(fc.constantFrom("hero", "villain", "city", "cat", "_robot"), { maxLength: 3 }),
    transition: fc.option(fc.constantFrom(...builtIns), { nil: undefined }),
    sfx: fc.array(fc.record({ asset_id: fc.constantFrom(...sfxIds), start: fc.double({ min: 0, max: 1, noNaN: true }), volume: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 3 }),
    music: fc.option(fc.constantFrom(...musicIds), { nil: undefined }),
    useTimeline: fc.boolean(),
    flashback: fc.boolean(),
  })
  .map((r) => {
    const scenes = r.durations.map((duration, i) => ({
      id: `scene-${i}`,
      prompt: i === 0 ? `opening ${r.symbols.map((s) => `@${s}`).join(" ")}` : `shot ${i}`,
      duration,
      ...(i === 0 && (r.sfx.length || r.music) ? { audio: { ...(r.sfx.length ? { sfx: r.sfx } : {}), ...(r.music ? { music: { asset_id: r.music, fade_in: 0.5 } } : {}) } } : {}),
    }));
    const doc: Doc = { title: r.title, scenes };
    if (r.symbols.length) doc.symbols = Object.fromEntries(r.symbols.map((s) => [s, { prompt: `the ${s}` }]));
    if (r.transition) doc.transitions = { default: r.transition };
    if (r.useTimeline) {
      doc.timeline = scenes.map((s) => ({ scene: s.id }));
      if (r.flashback) doc.timeline.push({ flashback: { scenes: [scenes[0]!.id], treatment: { desaturate: 0.5 } } });
    }
    return doc;
  });

async function errorPaths(doc: Doc) {
  return (await validateStoryboard(doc)).errors.map((e) => e.path);
}

describe("property: generated storyboards", () => {
  it("valid storyboards validate with no errors and no warnings", async () => {
    await fc.assert(
      fc.asyncProperty(validStoryboard, async (doc) => {
        const r = await validateStoryboard(doc);
        expect(r.errors).toEqual([]);
        expect(r.warnings).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("mutation: a dangling scene reference → exactly timeline[k].scene", async () => {
    await fc.assert(
      fc.asyncProperty(validStoryboard, fc.nat(), async (doc, at) => {
        doc.timeline ??= doc.scenes.map((s: Doc) => ({ scene: s.id }));
        const k = at % (doc.timeline.length + 1);
        doc.timeline.splice(k, 0, { scene: "no-such-scene" });
        expect(await errorPaths(doc)).toEqual([`timeline[${k}].scene`]);
      }),
      { numRuns: 200 },
    );
  });

  it("mutation: a bad transition key → exactly transitions[key]", async () => {
    const cases: Record<string, string[]> = {
      "x->y": ['transitions["x->y"]', 'transitions["x->y"]'], // both scenes unknown
      "scene-0->nowhere": ['transitions["scene-0->nowhere"]'],
      "scene-0-scene-1": ['transitions["scene-0-scene-1"]'], // not of the form a->b
      intro: ["transitions.intro"],
    };
    await fc.assert(
      fc.asyncProperty(validStoryboard, fc.constantFrom(...Object.keys(cases)), async (doc, key) => {
        doc.transitions = { ...(doc.transitions ?? {}), [key]: "cut" };
        expect(await errorPaths(doc)).toEqual(cases[key]);
      }),
      { numRuns: 100 },
    );
  });

  it("mutation: an unknown @symbol → exactly scenes[i].prompt", async () => {
    await fc.assert(
      fc.asyncProperty(validStoryboard, fc.nat(), async (doc, at) => {
        const i = at % doc.scenes.length;
        doc.scenes[i].prompt += " with @ghost";
        expect(await errorPaths(doc)).toEqual([`scenes[${i}].prompt`]);
      }),
      { numRuns: 200 },
    );
  });

  it("mutation: a speaker without a voice → exactly scenes[i].audio.dialogue[0].speaker", async () => {
    await fc.assert(
      fc.asyncProperty(validStoryboard, fc.nat(), async (doc, at) => {
        const i = at % doc.scenes.length;
        doc.symbols = { ...(doc.symbols ?? {}), mute: { prompt: "a mime" } };
        doc.scenes[i].audio = { ...(doc.scenes[i].audio ?? {}), dialogue: [{ speaker: "mute", text: "..." }] };
        expect(await errorPaths(doc)).toEqual([`scenes[${i}].audio.dialogue[0].speaker`]);
      }),
      { numRuns: 200 },
    );
  });

  it("mutation: over-limit counts → exactly the list's path", async () => {
    await fc.assert(
      fc.asyncProperty(validStoryboard, fc.constantFrom("scenes", "symbols", "sfx", "timeline"), async (doc, what) => {
        let expected: string;
        if (what === "scenes") {
          while (doc.scenes.length <= 50) doc.scenes.push({ id: `extra-${doc.scenes.length}`, prompt: "x", duration: 1 });
          expected = "scenes";
        } else if (what === "symbols") {
          doc.symbols = doc.symbols ?? {};
          for (let i = 0; Object.keys(doc.symbols).length <= 20; i++) doc.symbols[`s${i}`] = { prompt: "x" };
          expected = "symbols";
        } else if (what === "sfx") {
          doc.scenes[0].audio = { sfx: Array.from({ length: 11 }, () => ({ asset_id: sfxIds[0] })) };
          expected = "scenes[0].audio.sfx";
        } else {
          doc.timeline = Array.from({ length: 101 }, () => ({ scene: doc.scenes[0].id }));
          expected = "timeline";
        }
        expect(await errorPaths(doc)).toEqual([expected]);
      }),
      { numRuns: 100 },
    );
  });
});

describe("property: arbitrary input", () => {
  const shaped = fc.record(
    {
      title: fc.jsonValue(),
      scenes: fc.oneof(fc.jsonValue(), fc.array(fc.dictionary(fc.constantFrom("id", "prompt", "duration", "audio", "order", "x"), fc.jsonValue()))),
      timeline: fc.jsonValue(),
      transitions: fc.jsonValue(),
      symbols: fc.jsonValue(),
      transition_presets: fc.jsonValue(),
    },
    { requiredKeys: [] },
  );

  // The slowest validation of such values is measured by `just bench`, not here (no wall clock in tests).
  it("10,000 arbitrary values never throw and answer with located errors", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), shaped), async (value) => {
        const r = await validateStoryboard(value);
        expect(typeof r.valid).toBe("boolean");
        if (!r.valid) expect(r.errors.length).toBeGreaterThan(0);
        for (const e of r.errors) expect(typeof e.path).toBe("string");
      }),
      { numRuns: 10_000 },
    );
  }, 300_000);
});
