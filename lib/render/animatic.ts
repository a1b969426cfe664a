/**
 * The animatic renderer behind the `local` backend (spec part 4 §3): one silent H.264 clip per
 * scene with the request's exact frame count, size and rate. Either a title card (scene id and the
 * word-wrapped prompt over a moving gradient) or the reference image with a slow zoom.
 */
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ENCODE_H264_DRAFT, ffmpeg, type RunOptions } from "./ffmpeg";
import { FONT, FONT_BOLD } from "./fonts";
import { layoutText } from "./text-layout";

/** How far the reference image zooms in over the clip. */
const ZOOM = 0.12;

export interface AnimaticRequest {
  sceneId: string;
  prompt: string;
  duration: number;
  width: number;
  height: number;
  fps: number;
  /** A local image file: render it with a slow zoom instead of the title card. */
  imagePath?: string;
  outPath: string;
}

export function frameCount(duration: number, fps: number): number {
  return Math.max(1, Math.round(duration * fps));
}

/** Three dark colours derived from the scene id, so a scene looks the same on every render. */
export function sceneColors(sceneId: string): string[] {
  const h = createHash("sha256").update(sceneId).digest();
  return [0, 1, 2].map((i) => hslHex((h[i]! / 255) * 360, 0.55, 0.28 + (h[i + 3]! / 255) * 0.1));
}

function hslHex(hue: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return `0x${[f(0), f(8), f(4)].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

function titleFilter(size: number, y: string, box: boolean): string {
  const boxOpts = box ? ":box=1:boxcolor=black@0.4:boxborderw=12" : ":shadowx=2:shadowy=2";
  return `drawtext=fontfile=${FONT_BOLD}:textfile=title.txt:expansion=none:fontsize=${size}:fontcolor=white:x=(w-text_w)/2:y=${y}${boxOpts}`;
}

/** Filtergraph of the title card; the text files are read from the working directory. */
export function titleCardGraph(req: AnimaticRequest, body: { fontSize: number; lineSpacing: number }): string {
  const { width: w, height: h, fps } = req;
  // The gradient is smooth, so rendering it small and scaling up looks the same and is far cheaper.
  const colors = sceneColors(req.sceneId).map((c, i) => `c${i}=${c}`).join(":");
  const gradient = `gradients=s=${even(w / 4)}x${even(h / 4)}:r=${fps}:n=3:${colors}:speed=0.03:seed=1`;
  const text =
    `drawtext=fontfile=${FONT}:textfile=body.txt:expansion=none:fontsize=${body.fontSize}:line_spacing=${body.lineSpacing}` +
    `:fontcolor=white:x=(w-text_w)/2:y=(h-text_h)/2+h*0.08:box=1:boxcolor=black@0.35:boxborderw=${Math.round(body.fontSize * 0.6)}`;
  return `${gradient},scale=${w}:${h}:flags=bilinear,format=yuv420p,${titleFilter(Math.round(h / 11), "h*0.1", false)},${text}`;
}

/** Filtergraph of the reference image slowly zooming in, the scene id in a band at the bottom. */
export function imageGraph(req: AnimaticRequest): string {
  const { width: w, height: h, fps } = req;
  const n = frameCount(req.duration, req.fps);
  // Zoompan moves in whole pixels; working at twice the output size halves the visible jitter.
  return (
    `scale=${w * 2}:${h * 2}:force_original_aspect_ratio=increase,crop=${w * 2}:${h * 2},setsar=1,` +
    `zoompan=z='1+${ZOOM}*on/${n}':d=${n}:x='iw/2-iw/zoom/2':y='ih/2-ih/zoom/2':s=${w}x${h}:fps=${fps},format=yuv420p,` +
    titleFilter(Math.round(h / 16), "h-text_h-h*0.08", true)
  );
}

async function writeTexts(dir: string, req: AnimaticRequest) {
  const body = layoutText(req.prompt, {
    width: req.width * 0.84,
    height: req.height * 0.55,
    maxFontSize: Math.round(req.height / 20),
    minFontSize: Math.max(10, Math.round(req.height / 45)),
  });
  await fs.writeFile(path.join(dir, "title.txt"), req.sceneId);
  await fs.writeFile(path.join(dir, "body.txt"), body.lines.join("\n"));
  return body;
}

/** Renders the clip to `req.outPath`; returns its length (frames / fps). */
export async function renderAnimatic(req: AnimaticRequest, opts: RunOptions = {}): Promise<{ duration: number }> {
  if (req.width % 2 || req.height % 2) throw new Error(`animatic size must be even, got ${req.width}x${req.height}`);
  const frames = frameCount(req.duration, req.fps);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "framecast-animatic-"));
  try {
    const body = await writeTexts(dir, req);
    const input = req.imagePath
      ? ["-i", path.resolve(req.imagePath), "-filter_complex", `[0:v]${imageGraph(req)}`]
      : ["-filter_complex", titleCardGraph(req, body)];
    const out = path.resolve(req.outPath);
    // Text files are given relative to the working directory: no paths to escape in the graph.
    await ffmpeg([...input, "-frames:v", String(frames), "-r", String(req.fps), ...ENCODE_H264_DRAFT, "-an", out], { ...opts, cwd: dir });
    return { duration: frames / req.fps };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
