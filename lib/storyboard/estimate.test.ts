import { describe, expect, it } from "vitest";
import { estimateStoryboard, type EstimateRates } from "./estimate";
import { buildPlan } from "./playback";
import { storyboardSchema, type RenderOptions, type Storyboard } from "./schema";
import { WELCOME_SPEC } from "./welcome";

const sb = (doc: unknown): Storyboard => storyboardSchema.parse(doc);
const est = (doc: unknown, opts = {}, parallelism = 1) => {
  const s = sb(doc);
  return estimateStoryboard(s, buildPlan(s), opts, { parallelism });
};
const scenes = (...d: number[]) => d.map((duration, i) => ({ id: `s${i}`, prompt: "p", duration }));

describe("estimate (spec part 3 §3, formula pinned)", () => {
  it("welcome: 5 + 5 − 1 s fade = 9 s; 2 × ceil(5 × 10) = 100 credits", () => {
    const e = est(WELCOME_SPEC);
    expect(e.estimated_duration_seconds).toBe(9);
    expect(e.estimated_credits).toBe(100);
    expect(e.scenes).toEqual([
      { id: "storm", duration: 5, credits: 50 },
      { id: "dawn", duration: 5, credits: 50 },
    ]);
  });

  it("per scene credits = ceil(duration × 10 × resolution factor); 1080p doubles", () => {
    const doc = { title: "t", scenes: scenes(2.33, 1) };
    expect(est(doc).scenes.map((s) => s.credits)).toEqual([24, 10]);
    expect(est(doc, { resolution: "1080p" }).scenes.map((s) => s.credits)).toEqual([47, 20]);
    expect(est({ title: "t", scenes: scenes(2.3) }).estimated_credits).toBe(23);
  });

  it("duration subtracts every non-cut transition's overlap; cuts and default cuts add nothing", () => {
    const doc = { title: "t", scenes: scenes(4, 4, 4), transitions: { default: "dissolve", "s1->s2": "cut" } };
    expect(est(doc).estimated_duration_seconds).toBe(12 - 0.5);
    const presets = { ...doc, transition_presets: { slow: { type: "fade", duration: 2 } }, transitions: { default: "slow" } };
    expect(est(presets).estimated_duration_seconds).toBe(12 - 4);
  });

  it("explicit timeline transition beats the pair entry, which beats default", () => {
    const doc = {
      title: "t",
      scenes: scenes(4, 4, 4),
      transitions: { default: { type: "fade", duration: 1 }, "s0->s1": { type: "wipe", duration: 2 } },
      timeline: [{ scene: "s0" }, { transition: { type: "zoom", duration: 0.25 } }, { scene: "s1" }, { scene: "s2" }],
    };
    const s = sb(doc);
    const plan = buildPlan(s);
    expect(plan.junctions.map((j) => [j.transition.type, j.transition.duration])).toEqual([
      ["zoom", 0.25],
      ["fade", 1],
    ]);
    expect(plan.duration).toBe(12 - 1.25);
  });

  it("montage plays duration × pace (slow 1, medium 0.75 default, fast 0.5), joined by its own transition (default cut)", () => {
    const base = { title: "t", scenes: scenes(4, 4), transitions: { default: "fade" } };
    expect(est({ ...base, timeline: [{ montage: { scenes: ["s0", "s1"] } }] }).estimated_duration_seconds).toBe(6);
    expect(est({ ...base, timeline: [{ montage: { scenes: ["s0", "s1"], pace: "fast" } }] }).estimated_duration_seconds).toBe(4);
    expect(
      est({ ...base, timeline: [{ montage: { scenes: ["s0", "s1"], pace: "slow", transition: { type: "flash", duration: 0.2 } } }] })
        .estimated_duration_seconds,
    ).toBe(7.8);
  });

  it("a scene played twice (flashback) is generated and charged once; unreached scenes are not charged", () => {
    const doc = {
      title: "t",
      scenes: scenes(3, 5, 7),
      timeline: [{ scene: "s0" }, { scene: "s1" }, { flashback: { scenes: ["s0"], treatment: { desaturate: 1 } } }],
    };
    const e = est(doc);
    expect(e.estimated_duration_seconds).toBe(3 + 5 + 3);
    expect(e.scenes.map((s) => s.id)).toEqual(["s0", "s1"]);
    expect(e.estimated_credits).toBe(30 + 50);
  });

  it("no timeline: scenes play by order, then document order", () => {
    const s = sb({ title: "t", scenes: [{ id: "b", prompt: "p", duration: 1, order: 2 }, { id: "c", prompt: "p", duration: 1 }, { id: "a", prompt: "p", duration: 1, order: 1 }] });
    expect(buildPlan(s).clips.map((c) => c.sceneId)).toEqual(["a", "b", "c"]);
  });

  it("preview costs 0 credits", () => {
    expect(est(WELCOME_SPEC, { preview: true }).estimated_credits).toBe(0);
  });
});

describe("estimated generation time predicts the configured backend (formula pinned)", () => {
  const time = (doc: unknown, opts: RenderOptions, rates: Partial<EstimateRates>) => {
    const s = sb(doc);
    return estimateStoryboard(s, buildPlan(s), opts, rates).estimated_generation_time_seconds;
  };
  const stitch720 = (video: number) => 1 + 1.1 * video;

  it("local: Σ(0.75 + 0.5 × duration) ÷ min(parallelism, worker concurrency) + 1 + 1.1 × video seconds — the welcome storyboard ~15 s, not ~1 min 50 s", () => {
    const local = { backend: "local", parallelism: 2, workerConcurrency: 2 } as const;
    expect(time(WELCOME_SPEC, {}, local)).toBe(Math.ceil((2 * (0.75 + 0.5 * 5)) / 2 + stitch720(9)));
    expect(time(WELCOME_SPEC, {}, local)).toBe(15);
    // the worker renders at most RENDER_WORKER_CONCURRENCY animatics at once, whatever the owner may run
    expect(time(WELCOME_SPEC, {}, { ...local, parallelism: 4, workerConcurrency: 1 })).toBe(Math.ceil(2 * 3.25 + stitch720(9)));
    const three = { title: "t", scenes: scenes(10, 10, 10) };
    expect(time(three, {}, { ...local, parallelism: 4, workerConcurrency: 4 })).toBe(Math.ceil((3 * 5.75) / 4 + stitch720(30)));
    // GEN_SECONDS_PER_VIDEO_SECOND is the GPU model's figure: it does not change a local estimate
    expect(time(WELCOME_SPEC, {}, { ...local, genSecondsPerVideoSecond: 500 })).toBe(15);
  });

  it("local at 1080p: rendering and stitching take 3 × as long per video second (measured)", () => {
    const local = { backend: "local", parallelism: 2, workerConcurrency: 2 } as const;
    expect(time(WELCOME_SPEC, { resolution: "1080p" }, local)).toBe(Math.ceil((2 * (0.75 + 0.5 * 5 * 3)) / 2 + stitch720(9) * 3));
  });

  it("runpod: Σ duration × GEN_SECONDS_PER_VIDEO_SECOND ÷ parallelism + the measured stitching", () => {
    const runpod = { backend: "runpod", parallelism: 2, workerConcurrency: 2, genSecondsPerVideoSecond: 20 } as const;
    expect(time(WELCOME_SPEC, {}, runpod)).toBe(Math.ceil((10 * 20) / 2 + stitch720(9)));
    expect(time(WELCOME_SPEC, {}, { ...runpod, parallelism: 1, genSecondsPerVideoSecond: 30 })).toBe(Math.ceil(10 * 30 + stitch720(9)));
    // the local worker's concurrency does not limit the GPU endpoint
    expect(time(WELCOME_SPEC, {}, { ...runpod, workerConcurrency: 1 })).toBe(Math.ceil(100 + stitch720(9)));
  });

  it("a preview is a local animatic whatever the backend", () => {
    const runpod = { backend: "runpod", parallelism: 2, workerConcurrency: 2, genSecondsPerVideoSecond: 20 } as const;
    expect(time(WELCOME_SPEC, { preview: true }, runpod)).toBe(15);
  });

  it("a scene played twice is rendered once", () => {
    const doc = { title: "t", scenes: scenes(4, 4), timeline: [{ scene: "s0" }, { scene: "s1" }, { flashback: { scenes: ["s0"] } }] };
    const local = { backend: "local", parallelism: 1, workerConcurrency: 1 } as const;
    expect(time(doc, {}, local)).toBe(Math.ceil(2 * (0.75 + 0.5 * 4) + stitch720(12)));
  });
});

describe("spec/examples/welcome.yaml", () => {
  it("is the WELCOME_SPEC text, so the docs' example never drifts", async () => {
    const { readFileSync } = await import("node:fs");
    const { WELCOME_SPEC_YAML } = await import("./welcome");
    expect(readFileSync("spec/examples/welcome.yaml", "utf8")).toBe(WELCOME_SPEC_YAML);
  });
});
