import { describe, expect, it } from "vitest";
import { buildAudioGraph, cueLength } from "./audio-graph";
import type { AudioCue } from "./audio-plan";

const cue = (over: Partial<AudioCue>): AudioCue => ({ ref: "r", kind: "sfx", start: 0, volume: 1, fadeIn: 0, fadeOut: 0, loop: false, ...over });

describe("cueLength", () => {
  it("plays a one-shot for its own length, a bed for its span (looped, or until the sound ends), never past the video", () => {
    expect(cueLength(cue({ start: 2 }), 0.7, 10)).toBe(0.7);
    expect(cueLength(cue({ start: 9.5 }), 0.7, 10)).toBe(0.5);
    expect(cueLength(cue({ duration: 5, loop: true }), 2, 10)).toBe(5);
    expect(cueLength(cue({ duration: 5 }), 2, 10)).toBe(2);
    expect(cueLength(cue({ duration: 5 }), 8, 10)).toBe(5);
    expect(cueLength(cue({ start: 10 }), 1, 10)).toBe(0);
  });
});

describe("buildAudioGraph", () => {
  it("loops, cuts, sets volume, fades, delays by samples and mixes over silence of the video's length", () => {
    const cues = [
      cue({ ref: "m", kind: "music", duration: 9, loop: true, volume: 0.35, fadeIn: 1, fadeOut: 2 }),
      cue({ ref: "s", start: 0.5, volume: 0.8 }),
      cue({ ref: "s", start: 3.5 }),
      cue({ ref: "late", start: 9 }),
    ];
    const sources = new Map([
      ["m", { input: 2, duration: 5 }],
      ["s", { input: 3, duration: 0.3 }],
      ["late", { input: 4, duration: 1 }],
    ]);
    const g = buildAudioGraph(cues, sources, 9);
    expect(g.placed.map((p) => p.length)).toEqual([9, 0.3, 0.3]);
    expect(g.filters).toEqual([
      "anullsrc=r=48000:cl=stereo,atrim=end=9[abase]",
      "[2:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo[as0]",
      "[3:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,asplit=2[as1][as2]",
      "[as0]aloop=loop=-1:size=2147483647,atrim=end=9,asetpts=PTS-STARTPTS,volume=0.35,afade=t=in:st=0:d=1,afade=t=out:st=7:d=2[ac0]",
      "[as1]atrim=end=0.3,asetpts=PTS-STARTPTS,volume=0.8,adelay=delays=24000S:all=1[ac1]",
      "[as2]atrim=end=0.3,asetpts=PTS-STARTPTS,volume=1,adelay=delays=168000S:all=1[ac2]",
      "[abase][ac0][ac1][ac2]amix=inputs=4:duration=first:normalize=0,atrim=end=9[aout]",
    ]);
  });
});
