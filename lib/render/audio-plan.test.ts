import { describe, expect, it } from "vitest";
import { buildPlan } from "@/lib/storyboard/playback";
import type { Storyboard } from "@/lib/storyboard/schema";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { audioRefs, planAudio, type AudioCue } from "./audio-plan";
import { clipSpans } from "./timeline";

const cuesOf = (sb: Storyboard) => planAudio(sb, buildPlan(sb));
const find = (cues: AudioCue[], ref: string) => cues.filter((c) => c.ref === ref);

describe("clipSpans", () => {
  it("starts each clip its transition's duration before the previous one ends; the last ends at plan.duration", () => {
    const sb: Storyboard = {
      title: "t",
      scenes: [
        { id: "a", prompt: "a", duration: 4 },
        { id: "b", prompt: "b", duration: 3 },
        { id: "c", prompt: "c", duration: 5 },
      ],
      transitions: { "a->b": { type: "dissolve", duration: 1.5 }, "b->c": "cut" },
    };
    const plan = buildPlan(sb);
    expect(clipSpans(plan)).toEqual([
      { start: 0, end: 4 },
      { start: 2.5, end: 5.5 },
      { start: 5.5, end: 10.5 },
    ]);
    expect(plan.duration).toBe(10.5);
  });
});

describe("planAudio", () => {
  it("places every sound of the welcome storyboard on the output timeline", () => {
    const cues = cuesOf(WELCOME_SPEC);
    // storm 0–5, dawn 4–9 (1 s fade), total 9 s.
    expect(find(cues, "asset_ambient_ocean")).toEqual([
      { ref: "asset_ambient_ocean", kind: "ambient", start: 0, duration: 9, volume: 0.35, fadeIn: 0, fadeOut: 0, loop: true },
    ]);
    expect(find(cues, "asset_music_tense_minimal")).toEqual([
      { ref: "asset_music_tense_minimal", kind: "music", start: 0, duration: 5, volume: 0.5, fadeIn: 1, fadeOut: 0, loop: false, clip: 0 },
    ]);
    expect(find(cues, "asset_music_peaceful")).toEqual([
      { ref: "asset_music_peaceful", kind: "music", start: 4, duration: 5, volume: 0.6, fadeIn: 1.5, fadeOut: 1, loop: false, clip: 1 },
    ]);
    expect(find(cues, "asset_sfx_footsteps")[0]).toMatchObject({ kind: "sfx", start: 0.5, volume: 0.8, clip: 0 });
    expect(find(cues, "asset_sfx_door_open")[0]).toMatchObject({ start: 3.5, volume: 0.7 });
    expect(find(cues, "asset_sfx_pop")[0]).toMatchObject({ start: 6, volume: 0.4, clip: 1 });
    expect(find(cues, "asset_sfx_pop")[0]!.duration).toBeUndefined();
    expect(find(cues, "asset_transition_swoosh")).toEqual([
      { ref: "asset_transition_swoosh", kind: "transition", start: 4, volume: 0.6, fadeIn: 0, fadeOut: 0, loop: false, clip: 1 },
    ]);
    expect(audioRefs(cues)).toHaveLength(7);
  });

  it("follows the timeline: flashbacks at full length, montage clips paced, each play of a scene with its own cues", () => {
    const sb: Storyboard = {
      title: "t",
      global_audio: { music: { asset_id: "asset_music_playful", fade_in: 2, fade_out: 3 } },
      scenes: [
        { id: "a", prompt: "a", duration: 4, audio: { ambient: { asset_id: "asset_ambient_city", loop: true }, sfx: [{ asset_id: "asset_sfx_click", start: 1 }] } },
        { id: "b", prompt: "b", duration: 6, audio: { sfx: [{ asset_id: "asset_sfx_pop", start: 4 }, { asset_id: "asset_sfx_impact" }] } },
      ],
      timeline: [
        { scene: "a" },
        { transition: { type: "fade", duration: 1, audio: { asset_id: "asset_transition_rise" } } },
        { flashback: { scenes: ["b"], treatment: { desaturate: 1 } } },
        { montage: { scenes: ["a", "b"], pace: "fast", transition: "dissolve" } },
      ],
    };
    const plan = buildPlan(sb);
    // a 0–4, b 3–9 (fade 1), a' 9–11 (cut into the montage), b' 10.5–13.5 (dissolve 0.5).
    expect(clipSpans(plan).map((s) => s.start)).toEqual([0, 3, 9, 10.5]);
    expect(plan.duration).toBe(13.5);
    const cues = planAudio(sb, plan);
    expect(find(cues, "asset_music_playful")).toEqual([
      { ref: "asset_music_playful", kind: "music", start: 0, duration: 13.5, volume: 1, fadeIn: 2, fadeOut: 3, loop: false },
    ]);
    expect(find(cues, "asset_ambient_city").map((c) => [c.start, c.duration, c.loop])).toEqual([
      [0, 4, true],
      [9, 2, true],
    ]);
    expect(find(cues, "asset_sfx_click").map((c) => c.start)).toEqual([1, 10]);
    // Montage b' plays 3 s: its sfx at 4 s falls after the trimmed end and is dropped.
    expect(find(cues, "asset_sfx_pop").map((c) => c.start)).toEqual([7]);
    expect(find(cues, "asset_sfx_impact").map((c) => c.start)).toEqual([3, 10.5]);
    expect(find(cues, "asset_transition_rise")).toMatchObject([{ start: 3, volume: 1, clip: 1 }]);
  });

  it("puts a cut's transition sound at the cut; transitions without an asset and unplayed scenes add nothing", () => {
    const sb: Storyboard = {
      title: "t",
      scenes: [
        { id: "a", prompt: "a", duration: 2 },
        { id: "b", prompt: "b", duration: 2 },
        { id: "never", prompt: "n", duration: 2, audio: { music: { asset_id: "asset_music_tense" } } },
      ],
      transitions: { "a->b": { type: "cut", audio: { asset_id: "asset_transition_boom", volume: 0.3 } }, default: { type: "fade", audio: { volume: 0.5 } } },
      timeline: [{ scene: "a" }, { scene: "b" }, { scene: "a" }],
    };
    const cues = cuesOf(sb);
    expect(cues).toEqual([{ ref: "asset_transition_boom", kind: "transition", start: 2, volume: 0.3, fadeIn: 0, fadeOut: 0, loop: false, clip: 1 }]);
  });
});
