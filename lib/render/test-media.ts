/**
 * Media fixtures and measurements for the render tests: synthetic clips and tones, decoded frames,
 * and the level of one frequency band over time.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { ffmpeg } from "./ffmpeg";

const run = promisify(execFile);

export interface Format {
  width: number;
  height: number;
  fps: number;
}

/** A silent H.264 clip from an ffmpeg test source (`color=c=red`, `testsrc2`…). */
export async function sourceClip(file: string, source: string, seconds: number, f: Format): Promise<string> {
  const src = `${source}${source.includes("=") ? ":" : "="}s=${f.width}x${f.height}:r=${f.fps}:d=${seconds}`;
  await ffmpeg(["-f", "lavfi", "-i", src, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", file]);
  return file;
}

/** A PNG of the first frame of an ffmpeg test source (`testsrc2=s=400x300`). */
export async function stillImage(file: string, source: string): Promise<string> {
  await ffmpeg(["-f", "lavfi", "-i", source, "-frames:v", "1", file]);
  return file;
}

/** A stereo sine tone at 0.7 peak, `seconds` long. */
export async function tone(file: string, hz: number, seconds: number): Promise<string> {
  await ffmpeg(["-f", "lavfi", "-i", `sine=frequency=${hz}:duration=${seconds}:sample_rate=48000,volume=5.6`, "-ac", "2", file]);
  return file;
}

/** Decoded frames at the given times (frame numbers of a constant-rate video), scaled, as raw bytes, in the order asked. */
export async function framesAt(file: string, times: number[], fps: number, size: string, pixFmt: "gray" | "rgb24" = "gray"): Promise<Uint8Array[]> {
  const numbers = [...new Set(times.map((t) => Math.round(t * fps)))].sort((a, b) => a - b);
  const select = numbers.map((n) => `eq(n,${n})`).join("+");
  const { stdout } = await run(
    "ffmpeg",
    ["-v", "error", "-i", file, "-vf", `select='${select}',scale=${size}:flags=area,format=${pixFmt}`, "-fps_mode", "passthrough", "-f", "rawvideo", "-"],
    { encoding: "buffer", maxBuffer: 64 << 20 },
  );
  const [w, h] = size.split("x").map(Number);
  const bytes = w! * h! * (pixFmt === "gray" ? 1 : 3);
  if (stdout.length !== bytes * numbers.length) throw new Error(`expected ${numbers.length} frames from ${file}, got ${stdout.length / bytes}`);
  return times.map((t) => {
    const i = numbers.indexOf(Math.round(t * fps));
    return new Uint8Array(stdout.subarray(i * bytes, (i + 1) * bytes));
  });
}

export function mean(a: Uint8Array): number {
  return a.reduce((s, v) => s + v, 0) / a.length;
}

export function meanAbsDiff(a: Uint8Array, b: Uint8Array | ((i: number) => number)): number {
  const at = typeof b === "function" ? b : (i: number) => b[i]!;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - at(i));
  return sum / a.length;
}

export const AUDIO_RATE = 8000;

/** The file's audio, mixed to mono at 8 kHz. */
export async function decodeAudio(file: string): Promise<Float32Array> {
  const { stdout } = await run("ffmpeg", ["-v", "error", "-i", file, "-vn", "-ac", "1", "-ar", String(AUDIO_RATE), "-f", "f32le", "-"], {
    encoding: "buffer",
    maxBuffer: 64 << 20,
  });
  return new Float32Array(stdout.buffer.slice(stdout.byteOffset, stdout.byteOffset + stdout.length));
}

/** Two passes of an RBJ band-pass biquad (0 dB peak) centred on `hz`. */
function bandpass(x: Float32Array, hz: number, q = 8): Float32Array {
  const w0 = (2 * Math.PI * hz) / AUDIO_RATE;
  const alpha = Math.sin(w0) / (2 * q);
  const [b0, b2, a0, a1, a2] = [alpha, -alpha, 1 + alpha, -2 * Math.cos(w0), 1 - alpha];
  let y: Float32Array = x;
  for (let pass = 0; pass < 2; pass++) {
    const input = y;
    const out = new Float32Array(input.length);
    for (let n = 0; n < input.length; n++) {
      const xn2 = n >= 2 ? input[n - 2]! : 0;
      out[n] = (b0 * input[n]! + b2 * xn2 - a1 * (n >= 1 ? out[n - 1]! : 0) - a2 * (n >= 2 ? out[n - 2]! : 0)) / a0;
    }
    y = out;
  }
  return y;
}

/** RMS level (dBFS) around `hz` in each [start, end) window (seconds). */
export function bandLevels(audio: Float32Array, hz: number, windows: [number, number][]): number[] {
  const band = bandpass(audio, hz);
  return windows.map(([start, end]) => {
    const from = Math.floor(start * AUDIO_RATE);
    const to = Math.min(band.length, Math.floor(end * AUDIO_RATE));
    let energy = 0;
    for (let i = from; i < to; i++) energy += band[i]! ** 2;
    return 10 * Math.log10(energy / Math.max(1, to - from) + 1e-12);
  });
}
