import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  SYSTEM_ASSETS,
  SYSTEM_ASSET_CATEGORIES,
  SYSTEM_ASSET_IDS,
  isSystemAssetId,
  systemAssetById,
  systemAssetByUrn,
  systemAssetKey,
  systemAssetUrn,
} from "./catalog";

/** Spec part 3 §5, verbatim (checked against ../shared/spec when that checkout is present). */
const SPEC_TABLE = `
sfx: whoosh 0.5 movement,air,fast,transition · whoosh_heavy 0.8 movement,air,powerful,impact ·
impact 0.3 collision,hit,punch,effect · impact_metal 0.4 metal,collision,clang,industrial ·
click 0.2 ui,interactive,button,light · pop 0.25 pop,burst,playful,light ·
applause 3.2 crowd,celebration,approval,audience · applause_short 1.1 crowd,celebration,approval,quick ·
footsteps 1.8 human,movement,walking,ambient · footsteps_running 1.2 human,movement,running,fast ·
confetti 0.6 celebration,festive,playful,effect · door_open 0.7 interaction,environment,creak,object ·
door_close 0.6 interaction,environment,slam,object · typing 1.4 human,interaction,office,activity ·
notification 0.3 ui,alert,attention,digital

ambient: crowd 5.0 crowd,people,background,calm · crowd_excited 4.8 crowd,people,background,energetic ·
nature 6.0 nature,outdoor,birds,forest · nature_rain 5.5 nature,outdoor,water,weather ·
city 5.2 city,outdoor,urban,busy · city_night 5.0 city,outdoor,urban,night ·
office 5.8 office,indoor,workplace,ambient · theater 4.5 indoor,entertainment,venue,ambient ·
factory 6.2 industrial,machinery,factory,ambient · cafe 5.3 indoor,social,cafe,ambient ·
ocean 5.7 nature,water,outdoor,weather

music: tense 15.0 mood,tension,dramatic,orchestral · tense_minimal 12.5 mood,tension,minimal,subtle ·
triumphant 18.0 mood,victory,uplifting,orchestral · peaceful 20.0 mood,peaceful,calming,instrumental ·
energetic 14.0 mood,energetic,driving,upbeat · anticipation 13.5 mood,anticipation,building,dramatic ·
corporate 19.0 mood,corporate,professional,neutral · emotional 16.5 mood,emotional,poignant,orchestral ·
playful 12.0 mood,playful,whimsical,upbeat · dramatic 17.0 mood,dramatic,intense,orchestral

transition: swoosh 0.6 transition,movement,clean,effect · fade 1.0 transition,fade,smooth,effect ·
glitch 0.4 transition,digital,glitch,modern · boom 0.8 transition,impact,deep,powerful ·
reverse 0.7 transition,reverse,effect,unusual · rise 1.2 transition,rise,building,effect
`;

function parseSpec(text: string) {
  const out: { id: string; category: string; name: string; seconds: number; tags: string[] }[] = [];
  for (const block of text.trim().split(/\n\s*\n/)) {
    const [, category, body] = /^(\w+):\s*([\s\S]*)$/.exec(block.trim())!;
    for (const item of body!.split("·").map((s) => s.trim().replace(/\s+/g, " "))) {
      const [name, seconds, tags] = item.split(" ");
      out.push({ id: `asset_${category}_${name}`, category: category!, name: name!, seconds: Number(seconds), tags: tags!.split(",") });
    }
  }
  return out;
}

describe("system asset catalog (spec part 3 §5)", () => {
  it("the fixture above is the spec's table", () => {
    const spec = path.resolve(import.meta.dirname, "../../../shared/spec/03-storyboard.md");
    if (!fs.existsSync(spec)) return; // the shared spec is not part of every checkout
    const normalise = (s: string) => s.replace(/\s+/g, " ").trim();
    expect(normalise(fs.readFileSync(spec, "utf8"))).toContain(normalise(SPEC_TABLE));
  });

  it("has exactly the 42 assets of the spec, in its order, with its durations and tags", () => {
    const spec = parseSpec(SPEC_TABLE);
    expect(spec).toHaveLength(42);
    expect(SYSTEM_ASSETS).toHaveLength(42);
    expect(SYSTEM_ASSETS.map(({ id, category, name, seconds, tags }) => ({ id, category, name, seconds, tags: [...tags] }))).toEqual(spec);
    expect(SYSTEM_ASSET_IDS).toEqual(spec.map((a) => a.id));
    const count = (c: string) => SYSTEM_ASSETS.filter((a) => a.category === c).length;
    expect(SYSTEM_ASSET_CATEGORIES.map(count)).toEqual([15, 11, 10, 6]);
  });

  it("ids are unique and fit the database's id rule; descriptions fit 500 characters", () => {
    expect(new Set(SYSTEM_ASSET_IDS).size).toBe(42);
    for (const a of SYSTEM_ASSETS) {
      expect(a.id).toMatch(/^asset_[a-z]+_[a-z0-9_]+$/);
      expect(a.id.startsWith(`asset_${a.category}_`)).toBe(true);
      expect(a.description.length).toBeGreaterThan(20);
      expect(a.description.length).toBeLessThanOrEqual(500);
      expect(a.seconds).toBeGreaterThan(0);
    }
  });

  it("lookups by id and by URN; storage keys", () => {
    expect(isSystemAssetId("asset_sfx_whoosh")).toBe(true);
    expect(isSystemAssetId("asset_sfx_nope")).toBe(false);
    expect(isSystemAssetId("asset_music_tense_minimal")).toBe(true);
    expect(systemAssetById("asset_transition_rise")).toMatchObject({ category: "transition", name: "rise", seconds: 1.2 });
    expect(systemAssetById("toString")).toBeUndefined();
    const w = systemAssetById("asset_ambient_nature_rain")!;
    expect(systemAssetUrn(w)).toBe("framecast:system:ambient:nature_rain");
    expect(systemAssetByUrn("framecast:system:ambient:nature_rain")).toBe(w);
    expect(systemAssetByUrn("framecast:system:ambient:lava")).toBeUndefined();
    expect(systemAssetByUrn("asset_ambient_nature_rain")).toBeUndefined();
    expect(systemAssetKey(w)).toBe("system/ambient/nature_rain.ogg");
  });
});
