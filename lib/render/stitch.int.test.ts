/**
 * The stitcher end to end with ffmpeg: small clips (320x180) and test tones, one frequency per
 * sound, so each cue can be found in the mix by its band.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPlan } from "@/lib/storyboard/playback";
import type { Storyboard, TimelineElement, Transition } from "@/lib/storyboard/schema";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { systemAssetById } from "@/lib/system-assets/catalog";
import { renderAnimatic } from "./animatic";
import { AudioAssetError } from "./errors";
import { probe } from "./ffmpeg";
import { stitch, stitchAudioRefs } from "./stitch";
import { bandLevels, decodeAudio, framesAt, mean, meanAbsDiff, sourceClip, tone } from "./test-media";
import { feasible, storyboardArb } from "./test-storyboards";
import { clipSpans } from "./timeline";

const F = { width: 320, height: 180, fps: 24 };
let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "framecast-stitch-test-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function run(sb: Storyboard, clips: Map<string, string>, audio = new Map<string, string>(), name = "out") {
  const plan = buildPlan(sb);
  const outPath = file(`${name}.mp4`);
  const result = await stitch({ storyboard: sb, plan, clips, audio, ...F, outPath, thumbPath: file(`${name}.jpg`) });
  return { plan, result, outPath, info: await probe(outPath) };
}

describe("stitch: the welcome storyboard", () => {
  const HZ: Record<string, number> = {
    asset_ambient_ocean: 150,
    asset_music_tense_minimal: 250,
    asset_music_peaceful: 400,
    asset_sfx_footsteps: 650,
    asset_sfx_door_open: 1000,
    asset_sfx_pop: 1600,
    asset_transition_swoosh: 2500,
  };
  let out: Awaited<ReturnType<typeof run>>;
  let audio: Float32Array;
  const clips = new Map<string, string>();

  beforeAll(async () => {
    const plan = buildPlan(WELCOME_SPEC);
    const refs = stitchAudioRefs(WELCOME_SPEC, plan);
    expect(refs.sort()).toEqual(Object.keys(HZ).sort());
    const files = new Map(refs.map((r) => [r, file(`${r}.wav`)]));
    await Promise.all([
      ...refs.map((r) => tone(files.get(r)!, HZ[r]!, systemAssetById(r)!.seconds)),
      ...WELCOME_SPEC.scenes.map(async (s) => {
        clips.set(s.id, file(`${s.id}.mp4`));
        await renderAnimatic({ sceneId: s.id, prompt: s.prompt, duration: s.duration, ...F, outPath: clips.get(s.id)! });
      }),
    ]);
    out = await run(WELCOME_SPEC, clips, files, "welcome");
    audio = await decodeAudio(out.outPath);
  });

  it("lasts the estimate, with H.264 video, AAC audio and a JPEG thumbnail", async () => {
    expect(out.plan.duration).toBe(9);
    expect(Math.abs(out.info.duration - 9)).toBeLessThanOrEqual(0.1);
    expect(out.info).toMatchObject({ width: 320, height: 180, fps: 24, videoCodec: "h264", audioCodec: "aac", hasAudio: true });
    expect(out.result.sizeBytes).toBe((await fs.stat(out.outPath)).size);
    const thumb = await fs.readFile(file("welcome.jpg"));
    expect([...thumb.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });

  it("fades: the frame at the junction's middle is the even mix of both clips", async () => {
    const [[mid], [a], [b]] = await Promise.all([
      framesAt(out.outPath, [4.5], 24, "64x36"),
      framesAt(clips.get("storm")!, [4.5], 24, "64x36"),
      framesAt(clips.get("dawn")!, [0.5], 24, "64x36"),
    ]);
    const blend = (i: number) => (a![i]! + b![i]!) / 2;
    expect(meanAbsDiff(mid!, blend)).toBeLessThan(4);
    expect(meanAbsDiff(mid!, a!)).toBeGreaterThan(2 * meanAbsDiff(mid!, blend));
    expect(meanAbsDiff(mid!, b!)).toBeGreaterThan(2 * meanAbsDiff(mid!, blend));
  });

  it("plays each sfx and the transition sound at its time and not before", () => {
    const loudAt = (ref: string, quiet: [number, number], loud: [number, number]) => {
      const [q, l] = bandLevels(audio, HZ[ref]!, [quiet, loud]);
      expect(l! - q!, `${ref}: ${q!.toFixed(1)} dB before, ${l!.toFixed(1)} dB during`).toBeGreaterThan(15);
    };
    loudAt("asset_sfx_footsteps", [0.05, 0.45], [0.6, 1.0]);
    loudAt("asset_sfx_door_open", [3.0, 3.45], [3.6, 4.0]);
    loudAt("asset_transition_swoosh", [3.4, 3.95], [4.1, 4.5]);
    loudAt("asset_sfx_pop", [5.4, 5.95], [6.03, 6.2]);
  });

  it("fades per-scene music in and out within its scene; loops the global ambient over the whole video", () => {
    const [stormStart, stormFull, stormAfter] = bandLevels(audio, 250, [[0, 0.2], [1.5, 3.5], [5.3, 6]]);
    expect(stormFull! - stormStart!).toBeGreaterThan(6);
    expect(stormFull! - stormAfter!).toBeGreaterThan(15);
    const [dawnBefore, dawnStart, dawnFull, dawnEnd] = bandLevels(audio, 400, [[3, 3.9], [4, 4.3], [6, 7.5], [8.75, 8.98]]);
    expect(dawnFull! - dawnBefore!).toBeGreaterThan(15);
    expect(dawnFull! - dawnStart!).toBeGreaterThan(6);
    expect(dawnFull! - dawnEnd!).toBeGreaterThan(6);
    // The ocean sound lasts 5.7 s and loops.
    const [early, late] = bandLevels(audio, 150, [[1, 3], [6.5, 8.5]]);
    expect(Math.abs(early! - late!)).toBeLessThan(3);
  });
});

describe("stitch: transitions, treatments, montage and flashback", () => {
  const clips = new Map<string, string>();
  const TYPES = ["fade", "dissolve", "wipe", "zoom", "blur", "flash", "glitch", "custom"] as const;

  beforeAll(async () => {
    await Promise.all([
      sourceClip(file("bars.mp4"), "smptebars", 1.5, F).then((f) => clips.set("bars", f)),
      sourceClip(file("blue.mp4"), "color=c=blue", 1.5, F).then((f) => clips.set("blue", f)),
      sourceClip(file("pattern.mp4"), "testsrc2", 1.5, F).then((f) => clips.set("pattern", f)),
    ]);
  });

  const scenes = ["bars", "blue", "pattern"].map((id) => ({ id, prompt: id, duration: 1.5 }));

  it("every transition type: the video lasts the estimate and each junction's middle frame is unlike either clip", async () => {
    // bars → blue with each transition, the pairs joined by cuts.
    const timeline = TYPES.flatMap((type): TimelineElement[] => [{ scene: "bars" }, { transition: { type, duration: 0.5 } satisfies Transition }, { scene: "blue" }]);
    const { plan, info, outPath } = await run({ title: "t", scenes, timeline }, clips, undefined, "transitions");
    expect(plan.duration).toBe(8 * 2.5);
    expect(Math.abs(info.duration - plan.duration)).toBeLessThanOrEqual(0.1);
    expect(info.videoCodec).toBe("h264");
    const mids = clipSpans(plan).filter((_, i) => i % 2).map((s) => s.start + 0.25);
    const [bars, blue, ...frames] = await framesAt(outPath, [0.2, 1.7, ...mids], 24, "64x36");
    const apart = meanAbsDiff(bars!, blue!);
    TYPES.forEach((type, i) => {
      const [toBars, toBlue] = [meanAbsDiff(frames[i]!, bars!), meanAbsDiff(frames[i]!, blue!)];
      expect(Math.min(toBars, toBlue), `${type}: ${toBars.toFixed(1)} from bars, ${toBlue.toFixed(1)} from blue (${apart.toFixed(1)} apart)`).toBeGreaterThan(apart / 5);
    });
  });

  it("cut: the clips back to back", async () => {
    const { info, outPath } = await run({ title: "t", scenes, transitions: { default: "cut" }, timeline: [{ scene: "bars" }, { scene: "blue" }] }, clips, undefined, "cut");
    expect(Math.abs(info.duration - 3)).toBeLessThanOrEqual(0.1);
    const [before, after] = await framesAt(outPath, [1.45, 1.55], 24, "64x36");
    expect(mean(before!)).toBeGreaterThan(mean(after!) + 20);
  });

  it("every flashback treatment changes the clip (desaturate to grey); the video lasts the estimate", async () => {
    const treatments = [{ desaturate: 1 }, { vignette: true }, { grain: 1 }, { blur: 1 }];
    const timeline: TimelineElement[] = [{ scene: "pattern" }, ...treatments.map((treatment) => ({ flashback: { scenes: ["pattern"], treatment } }))];
    const { info, outPath } = await run({ title: "t", scenes, timeline }, clips, undefined, "treatments");
    expect(Math.abs(info.duration - 7.5)).toBeLessThanOrEqual(0.1);
    const [plain, ...treated] = await framesAt(outPath, [0.75, 2.25, 3.75, 5.25, 6.75], 24, "320x180", "rgb24");
    treated.forEach((frame, i) => expect(meanAbsDiff(plain!, frame), JSON.stringify(treatments[i])).toBeGreaterThan(2));
    const grey = treated[0]!;
    expect(meanAbsDiff(grey, (i) => grey[i - (i % 3)]!)).toBeLessThan(3);
  });

  it("a timeline with a paced montage, a flashback, a repeated scene and mixed transitions lasts the estimate", async () => {
    const sb: Storyboard = {
      title: "t",
      scenes: [...scenes.slice(0, 2), { id: "pattern", prompt: "p", duration: 2 }],
      timeline: [
        { scene: "pattern" },
        { transition: { type: "dissolve", duration: 0.4 } },
        { montage: { scenes: ["bars", "blue", "bars"], pace: "fast", transition: { type: "wipe", duration: 0.25, params: { direction: "down" } } } },
        { transition: "flash" },
        { flashback: { scenes: ["blue"], treatment: { desaturate: 0.5, grain: 0.3 } } },
      ],
    };
    const { plan, info } = await run(sb, clips, undefined, "timeline");
    // 2 + 3 × 0.75 + 1.5 − 0.4 − 2 × 0.25 − 0.5
    expect(plan.duration).toBe(4.35);
    expect(Math.abs(info.duration - plan.duration)).toBeLessThanOrEqual(0.1);
  });

  it("property: random timelines stitch to the estimated length", async () => {
    const small = { width: 160, height: 90, fps: 25 };
    const sources = ["smptebars", "color=c=red", "testsrc2", "color=c=green"];
    const inputs = new Map(await Promise.all(sources.map(async (src, i) => [`s${i}`, await sourceClip(file(`rand${i}.mp4`), src, 3, small)] as const)));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(storyboardArb({ scenes: 4, maxSeconds: 3, maxElements: 5 }), async (sb) => {
        const plan = buildPlan(sb);
        fc.pre(plan.clips.length > 1 && feasible(plan));
        const outPath = file(`rand-${n++}.mp4`);
        await stitch({ storyboard: sb, plan, clips: inputs, audio: new Map(), ...small, outPath, thumbPath: file("rand.jpg") });
        expect(Math.abs((await probe(outPath)).duration - plan.duration)).toBeLessThanOrEqual(0.1);
      }),
      { numRuns: 4, seed: 20_260_101 },
    );
  });

  it("dialogue is burned in as captions: the bottom band changes only while a line is up", async () => {
    const sb: Storyboard = {
      title: "t",
      symbols: { keeper: { prompt: "k", voice: { asset_id: "asset_sfx_pop" } } },
      scenes: [
        { id: "blue", prompt: "blue", duration: 1.5 },
        { id: "pattern", prompt: "p", duration: 1.5, audio: { dialogue: [{ speaker: "keeper", text: "Look!", start: 0.2 }] } },
      ],
    };
    const silent = { ...sb, symbols: undefined, scenes: sb.scenes.map((s) => ({ ...s, audio: undefined })) };
    const plain = await run(silent, clips, undefined, "no-captions");
    const captioned = await run(sb, clips, undefined, "captions");
    expect(Math.abs(captioned.info.duration - 3)).toBeLessThanOrEqual(0.1);
    // the line is up from 1.7 s to 1.7 + 1.5 (clipped to the end, 3 s)
    const times = [0.8, 2.2];
    const [a, b] = await Promise.all([framesAt(plain.outPath, times, 24, "64x36"), framesAt(captioned.outPath, times, 24, "64x36")]);
    const band = (f: Uint8Array, top: number, bottom: number) => f.subarray(top * 64, bottom * 64);
    expect(meanAbsDiff(band(a[0]!, 0, 36), band(b[0]!, 0, 36))).toBeLessThan(1.5);
    expect(meanAbsDiff(band(a[1]!, 28, 34), band(b[1]!, 28, 34))).toBeGreaterThan(8);
    expect(meanAbsDiff(band(a[1]!, 0, 18), band(b[1]!, 0, 18))).toBeLessThan(1.5);
  });

  it("reports encoding progress: fractions that never go down and end at the whole video", async () => {
    const fractions: number[] = [];
    const sb: Storyboard = { title: "t", scenes, timeline: [{ scene: "bars" }, { scene: "blue" }, { scene: "pattern" }, { scene: "bars" }] };
    const plan = buildPlan(sb);
    await stitch({ storyboard: sb, plan, clips, audio: new Map(), ...F, outPath: file("progress.mp4"), thumbPath: file("progress.jpg"), onProgress: (f) => fractions.push(f) });
    expect(fractions.length).toBeGreaterThan(0);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.every((f) => f >= 0 && f <= 1)).toBe(true);
    expect(fractions.at(-1)).toBeGreaterThan(0.95);
  });

  it("refuses a missing or unreadable sound with AudioAssetError", async () => {
    const sb: Storyboard = { title: "t", scenes: [{ id: "blue", prompt: "b", duration: 1.5, audio: { sfx: [{ asset_id: "asset_sfx_pop" }] } }] };
    await expect(run(sb, clips)).rejects.toMatchObject({ name: "AudioAssetError", ref: "asset_sfx_pop", reason: "missing" });
    await fs.writeFile(file("junk.ogg"), "not audio");
    const err = await run(sb, clips, new Map([["asset_sfx_pop", file("junk.ogg")]])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AudioAssetError);
    expect(err).toMatchObject({ reason: "unreadable" });
  });
});
