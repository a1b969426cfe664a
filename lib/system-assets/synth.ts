/**
 * Synthesis of the system assets with ffmpeg: one recipe per asset (sounds.ts, music.ts), rendered
 * to raw float audio at exactly the catalog length, peak-normalised, then encoded.
 *
 * Format: Ogg/Opus, 48 kHz stereo, 128 kb/s. Opus decodes to the exact sample count and ffprobe
 * reports its length within 7 ms (MP3's encoder delay and frame padding add 24–48 ms, too close to
 * the ±50 ms the catalog promises; WAV would be exact but ten times larger). `audio/ogg` is one of
 * the content types the API accepts for uploads too.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import type { SystemAssetCategory, SystemAssetEntry } from "./catalog";
import { buildGraph, SAMPLE_RATE } from "./dsp";
import { MUSIC_RECIPES } from "./music";
import { SOUND_RECIPES, type RecipeFn } from "./sounds";

const run = promisify(execFile);

export const RECIPES: Readonly<Record<string, RecipeFn>> = { ...SOUND_RECIPES, ...MUSIC_RECIPES };

/** The peak level each category is normalised to (dBFS): beds sit lower than one-shot effects. */
export const PEAK_DBFS: Readonly<Record<SystemAssetCategory, number>> = { sfx: -3, transition: -3, music: -3, ambient: -6 };

const ENCODE = [
  ...["-c:a", "libopus", "-b:a", "128k", "-vbr", "on", "-application", "audio", "-frame_duration", "20"],
  // Same input, same bytes: no random Ogg serial numbers, no encoder version tags.
  ...["-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact"],
];

export function recipeGraph(entry: SystemAssetEntry): string {
  const recipe = RECIPES[entry.id];
  if (!recipe) throw new Error(`no synthesis recipe for ${entry.id}`);
  return buildGraph(recipe(entry.seconds), entry.seconds);
}

/** Identifies what synthesis would produce: it changes when the graph, the level or the encoder settings do. */
export function recipeHash(entry: SystemAssetEntry): string {
  return createHash("sha256")
    .update(JSON.stringify([recipeGraph(entry), PEAK_DBFS[entry.category], ENCODE]))
    .digest("hex");
}

async function ffmpeg(args: string[]): Promise<void> {
  try {
    await run("ffmpeg", ["-hide_banner", "-nostdin", "-loglevel", "error", "-y", ...args], { maxBuffer: 8 << 20, timeout: 180_000 });
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new Error(`ffmpeg failed${stderr ? `: ${stderr.slice(-2000)}` : ""}`, { cause: err });
  }
}

/** Peak and RMS (dBFS) of interleaved little-endian float samples; throws on NaN. */
export function levels(raw: Buffer): { peakDb: number; rmsDb: number; samples: number } {
  let peak = 0;
  let energy = 0;
  const n = raw.length >> 2;
  for (let i = 0; i < n; i++) {
    const v = raw.readFloatLE(i << 2);
    if (Number.isNaN(v)) throw new Error("synthesis produced NaN samples");
    const a = Math.abs(v);
    if (a > peak) peak = a;
    energy += v * v;
  }
  const db = (x: number) => (x > 0 ? 20 * Math.log10(x) : -Infinity);
  return { peakDb: db(peak), rmsDb: db(Math.sqrt(energy / Math.max(1, n))), samples: n };
}

export interface SynthResult {
  file: string;
  sizeBytes: number;
  /** Levels before normalisation. */
  peakDb: number;
  rmsDb: number;
  hash: string;
}

/** Synthesizes one asset into `dir` as `<id>.ogg`. */
export async function synthesize(entry: SystemAssetEntry, dir: string): Promise<SynthResult> {
  const graphFile = path.join(dir, `${entry.id}.graph`);
  const rawFile = path.join(dir, `${entry.id}.f32`);
  const out = path.join(dir, `${entry.id}.ogg`);
  await fs.writeFile(graphFile, recipeGraph(entry));
  try {
    await ffmpeg(["-filter_complex_script", graphFile, "-map", "[out]", "-f", "f32le", "-ar", String(SAMPLE_RATE), "-ac", "2", rawFile]);
    const measured = levels(await fs.readFile(rawFile));
    const expected = Math.round(entry.seconds * SAMPLE_RATE) * 2;
    if (measured.samples !== expected) throw new Error(`${entry.id}: ${measured.samples} samples, expected ${expected}`);
    if (measured.peakDb < -60) throw new Error(`${entry.id}: synthesized (near) silence (peak ${measured.peakDb.toFixed(1)} dBFS)`);
    const gain = PEAK_DBFS[entry.category] - measured.peakDb;
    await ffmpeg(["-f", "f32le", "-ar", String(SAMPLE_RATE), "-ac", "2", "-i", rawFile, "-af", `volume=${gain.toFixed(3)}dB`, ...ENCODE, out]);
    const { size } = await fs.stat(out);
    return { file: out, sizeBytes: size, peakDb: measured.peakDb, rmsDb: measured.rmsDb, hash: recipeHash(entry) };
  } finally {
    await fs.rm(graphFile, { force: true });
    await fs.rm(rawFile, { force: true });
  }
}
