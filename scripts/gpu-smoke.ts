/**
 * `just gpu-smoke [--url http://127.0.0.1:8000] [--image ref.png] [--out dir]`: the GPU path on a
 * machine with a GPU and the worker image, through the real worker-comfyui handler in its local test
 * mode (`SERVE_API_LOCALLY=true`, RunPod's local API on port 8000; no S3 env, so outputs come back
 * base64). Sends exactly the graphs the app sends (comfyui/workflow.ts, validated first): a 5 s
 * text-to-video scene, a 5 s image-to-video scene, then a 30 s scene as its chain of segments, each
 * starting from the previous one's last frame, joined as the app joins them. Prints per scene the
 * time and each clip's frame count and size. See spec/jobs.md "GPU smoke test".
 */
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { OBJECT_INFO, validateWorkflow } from "@/lib/render/comfyui/validate";
import { buildWorkflow } from "@/lib/render/comfyui/workflow";
import { clipSource, lastFrameSource, type ClipSource } from "@/lib/render/clip-output";
import { ffprobe } from "@/lib/render/ffmpeg";
import { prepareStartImage } from "@/lib/render/reference-image";
import { generationSize, planSegments } from "@/lib/render/segments";
import { concatClips } from "@/lib/render/segments-store";

const { values: args } = parseArgs({
  options: { url: { type: "string", default: process.env.GPU_SMOKE_URL ?? "http://127.0.0.1:8000" }, image: { type: "string" }, out: { type: "string", default: "gpu-smoke-out" } },
});
const WIDTH = 1280;
const HEIGHT = 720;
const size = generationSize(WIDTH, HEIGHT);

async function runsync(input: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${args.url.replace(/\/$/, "")}/runsync`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ input }),
    signal: AbortSignal.timeout(30 * 60_000),
  });
  const body = (await res.json()) as { status?: string; output?: Record<string, unknown>; error?: string };
  if (!res.ok || body.status !== "COMPLETED" || !body.output) throw new Error(`worker answered ${res.status}: ${JSON.stringify(body).slice(0, 2000)}`);
  return body.output;
}

function bytesOf(source: ClipSource | null, what: string): Buffer {
  if (source?.kind !== "base64") throw new Error(`no base64 ${what} in the output (run the worker without the BUCKET_* env)`);
  return Buffer.from(source.data, "base64");
}

async function clipInfo(file: string): Promise<string> {
  const { stdout } = await ffprobe(["-count_frames", "-select_streams", "v:0", "-show_entries", "stream=width,height,r_frame_rate,nb_read_frames", "-of", "csv=p=0", file]);
  const [w, h, rate, frames] = stdout.trim().split(",");
  return `${frames} frames, ${w}x${h} @ ${rate}`;
}

async function scene(name: string, duration: number, start: Buffer | null): Promise<void> {
  const began = Date.now();
  const segments = planSegments(duration);
  const files: string[] = [];
  let image = start;
  for (const segment of segments) {
    const startImage = image ? await prepareStartImage(image, size.width, size.height) : null;
    const { workflow } = buildWorkflow({ prompt: `${name}: a lighthouse on a cliff, waves, golden hour`, negativePrompt: "blurry, static", seed: 42, width: WIDTH, height: HEIGHT, segment, ...(startImage ? { startImage: startImage.name } : {}) });
    const problems = validateWorkflow(workflow, OBJECT_INFO, { images: startImage ? [startImage.name] : [] });
    if (problems.length) throw new Error(`invalid graph: ${problems.join("; ")}`);
    const t = Date.now();
    const output = await runsync({ workflow, ...(startImage ? { images: [startImage] } : {}) });
    const file = path.join(args.out, `${name}.seg${segment.index}.mp4`);
    await fs.writeFile(file, bytesOf(clipSource(output), "video"));
    files.push(file);
    process.stdout.write(`  ${name} segment ${segment.index + 1}/${segments.length}: ${((Date.now() - t) / 1000).toFixed(1)} s, ${await clipInfo(file)}\n`);
    image = segment.saveLastFrame ? bytesOf(lastFrameSource(output), "last frame") : null;
  }
  const clip = path.join(args.out, `${name}.mp4`);
  if (files.length === 1) await fs.copyFile(files[0]!, clip);
  else await concatClips(files, clip);
  process.stdout.write(`${name} (${duration} s): ${((Date.now() - began) / 1000).toFixed(1)} s, ${await clipInfo(clip)} → ${clip}\n`);
}

await fs.mkdir(args.out, { recursive: true });
const reference = args.image
  ? await fs.readFile(args.image)
  : await sharp({ create: { width: 1920, height: 1080, channels: 3, background: { r: 40, g: 90, b: 160 } } }).png().toBuffer();
try {
  await scene("t2v-5s", 5, null);
  await scene("i2v-5s", 5, reference);
  await scene("t2v-30s", 30, null);
} catch (err) {
  process.stderr.write(`gpu-smoke failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
