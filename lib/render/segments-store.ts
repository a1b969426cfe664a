/**
 * A chained scene's segments in our outputs bucket: each segment's clip and last frame are copied
 * in as they finish (the next segment starts from that frame); the render worker joins the clips into
 * the scene clip when it stitches (worker-stitch.ts). The graph already left each later segment's
 * repeated start frame out, so the join is a plain concatenation (concat demuxer, no re-encode): no
 * duplicated frame at the joins.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { buckets, s3 } from "@/lib/storage/s3";
import type { ClipSource } from "./clip-output";
import { ffmpeg } from "./ffmpeg";

/** `…/scene_<id>.mp4` → `…/scene_<id>.seg<i>.mp4` and `…/scene_<id>.seg<i>.last.png`. */
export const segmentClipKey = (sceneKey: string, index: number) => sceneKey.replace(/\.mp4$/, `.seg${index}.mp4`);
export const lastFrameKey = (sceneKey: string, index: number) => sceneKey.replace(/\.mp4$/, `.seg${index}.last.png`);

const MAX_BYTES = 512 * 1024 * 1024;

/** Copies a backend output (presigned URL or base64) to `key` in our outputs bucket. */
export async function copyOutput(source: ClipSource, key: string, contentType: string): Promise<void> {
  if (source.kind === "stored") throw new Error(`a GPU segment output is never pre-stored (${source.key})`);
  let body: Buffer;
  if (source.kind === "base64") body = Buffer.from(source.data, "base64");
  else {
    const res = await fetch(source.url, { signal: AbortSignal.timeout(5 * 60_000) });
    if (!res.ok) throw new Error(`fetching a segment output failed: HTTP ${res.status}`);
    body = Buffer.from(await res.arrayBuffer());
  }
  if (body.length === 0 || body.length > MAX_BYTES) throw new Error(`a segment output has ${body.length} bytes`);
  await s3().send(new PutObjectCommand({ Bucket: buckets().outputs, Key: key, Body: body, ContentType: contentType, ContentLength: body.length }));
}

/** Concatenates same-format clips without re-encoding (ffmpeg's concat demuxer). */
export async function concatClips(files: readonly string[], out: string): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "framecast-concat-"));
  try {
    await fs.writeFile(path.join(dir, "list.txt"), files.map((f) => `file '${path.resolve(f).replace(/'/g, "'\\''")}'`).join("\n"));
    await ffmpeg(["-f", "concat", "-safe", "0", "-i", "list.txt", "-c", "copy", "-movflags", "+faststart", path.resolve(out)], { cwd: dir });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
