/**
 * The stitcher (spec part 4 §2 step 4): the scene clips in play order with their transitions,
 * treatments and montage pacing, the audio mix, encoded as H.264/AAC MP4, plus a JPEG thumbnail.
 * The video lasts the plan's duration (the estimate) to the nearest frame.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { PlaybackPlan } from "@/lib/storyboard/playback";
import type { Storyboard } from "@/lib/storyboard/schema";
import { buildAudioGraph, SAMPLE_RATE, type AudioSource } from "./audio-graph";
import { audioRefs, planAudio } from "./audio-plan";
import { captionFilters, planCaptions } from "./captions";
import { AudioAssetError } from "./errors";
import { ENCODE_H264, ffmpeg, probe, type RunOptions } from "./ffmpeg";
import { FONT } from "./fonts";
import { buildVideoGraph } from "./video-graph";

export interface StitchRequest {
  storyboard: Storyboard;
  plan: PlaybackPlan;
  /** Local clip file of each scene that plays. */
  clips: ReadonlyMap<string, string>;
  /** Local file of each audio asset id the storyboard uses (see `audioRefs(planAudio(...))`). */
  audio: ReadonlyMap<string, string>;
  /** Durations already known (the system catalog's): those files are not probed again. */
  audioDurations?: ReadonlyMap<string, number>;
  width: number;
  height: number;
  fps: number;
  outPath: string;
  thumbPath: string;
  signal?: AbortSignal;
  /** Per ffmpeg run (default 10 min). */
  timeoutMs?: number;
  /** Called about once a second while encoding with the share of the video written (0..1). */
  onProgress?: (fraction: number) => void;
}

export interface StitchResult {
  duration: number;
  sizeBytes: number;
}

const ENCODE_AAC = ["-c:a", "aac", "-b:a", "160k", "-ar", String(SAMPLE_RATE), "-ac", "2"];

/** The audio asset ids a stitch of this storyboard will ask for. */
export function stitchAudioRefs(storyboard: Storyboard, plan: PlaybackPlan): string[] {
  return audioRefs(planAudio(storyboard, plan));
}

async function audioSources(
  refs: string[],
  files: ReadonlyMap<string, string>,
  known: ReadonlyMap<string, number> | undefined,
  first: number,
  run: RunOptions,
) {
  const sources = new Map<string, AudioSource>();
  await Promise.all(
    refs.map(async (ref, i) => {
      const file = files.get(ref);
      if (!file) throw new AudioAssetError(ref, "missing");
      const duration = known?.get(ref);
      if (duration && duration > 0) {
        sources.set(ref, { input: first + i, duration });
        return;
      }
      const info = await probe(file, run).catch((err: unknown) => {
        if (run.signal?.aborted) throw err;
        return null;
      });
      if (!info?.hasAudio || !(info.duration > 0)) throw new AudioAssetError(ref, "unreadable");
      sources.set(ref, { input: first + i, duration: info.duration });
    }),
  );
  return sources;
}

/** The clip file of each play, in play order (a scene played twice is read twice: see video-graph.ts). */
function clipFiles(req: StitchRequest): string[] {
  const missing = [...new Set(req.plan.clips.map((c) => c.sceneId))].filter((id) => !req.clips.has(id));
  if (missing.length) throw new Error(`no clip for scene(s) ${missing.join(", ")}`);
  return req.plan.clips.map((c) => req.clips.get(c.sceneId)!);
}

/** The thumbnail is a frame from the middle of the first clip: the opening scene, past any fade-in. */
function thumbnailFilters(video: string, frame: number): { filters: string[]; main: string; thumb: string } {
  return {
    filters: [`[${video}]split=2[vmain][vthumb0]`, `[vthumb0]trim=start_frame=${frame},setpts=PTS-STARTPTS[vthumb]`],
    main: "vmain",
    thumb: "vthumb",
  };
}

interface Encode {
  inputs: string[];
  graph: string;
  /** Text files the graph reads, written beside it (ffmpeg runs in that directory). */
  files: ReadonlyMap<string, string>;
  video: string;
  audio: string;
  thumb: string;
}

async function encode(req: StitchRequest, e: Encode, run: RunOptions): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "framecast-stitch-"));
  try {
    await fs.writeFile(path.join(dir, "graph.txt"), e.graph);
    await Promise.all([...e.files].map(([name, text]) => fs.writeFile(path.join(dir, name), text)));
    // One decoding thread per input: the encoder is the bottleneck, and each threaded decoder holds
    // extra frames in memory, which adds up with one input per scene.
    const inputs = e.inputs.flatMap((f) => ["-threads", "1", "-i", path.resolve(f)]);
    const mp4 = ["-map", `[${e.video}]`, "-map", `[${e.audio}]`, "-r", String(req.fps), ...ENCODE_H264, ...ENCODE_AAC, path.resolve(req.outPath)];
    const jpeg = ["-map", `[${e.thumb}]`, "-frames:v", "1", "-q:v", "3", "-update", "1", path.resolve(req.thumbPath)];
    await ffmpeg([...inputs, "-filter_complex_script", "graph.txt", ...mp4, ...jpeg], { ...run, cwd: dir });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export async function stitch(req: StitchRequest): Promise<StitchResult> {
  const run: RunOptions = { signal: req.signal, timeoutMs: req.timeoutMs };
  const files = clipFiles(req);
  const cues = planAudio(req.storyboard, req.plan);
  const refs = audioRefs(cues);
  const sources = await audioSources(refs, req.audio, req.audioDurations, files.length, run);
  const video = buildVideoGraph({ plan: req.plan, clipInputs: files.map((_, i) => i), width: req.width, height: req.height, fps: req.fps });
  const captions = captionFilters(planCaptions(req.storyboard, req.plan), req.width, req.height, FONT);
  const captioned = captions.filters.length ? [`[${video.output}]${captions.filters.join(",")}[vcap]`] : [];
  const audio = buildAudioGraph(cues, sources, video.duration);
  const onProgress = req.onProgress;
  const encodeRun: RunOptions = onProgress ? { ...run, onProgress: (t) => onProgress(Math.min(1, Math.max(0, t / video.duration))) } : run;
  const thumb = thumbnailFilters(captioned.length ? "vcap" : video.output, Math.floor(Math.min(video.clipFrames[0]!, video.frames) / 2));
  await encode(
    req,
    {
      inputs: [...files, ...refs.map((r) => req.audio.get(r)!)],
      graph: [...video.filters, ...captioned, ...thumb.filters, ...audio.filters].join(";\n"),
      files: captions.files,
      video: thumb.main,
      audio: audio.output,
      thumb: thumb.thumb,
    },
    encodeRun,
  );
  const [info, stat] = await Promise.all([probe(req.outPath, run), fs.stat(req.outPath)]);
  return { duration: info.duration, sizeBytes: stat.size };
}
