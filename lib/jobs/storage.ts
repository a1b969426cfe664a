import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { ClipSource } from "@/lib/render/clip-output";
import { buckets, s3, s3Public } from "@/lib/storage/s3";
import { ownerPrefix } from "@/lib/storage/keys";
import { deletePrefix } from "@/lib/storage/prefix";

/** Output URLs live 1 hour (spec part 4 §5). */
export const OUTPUT_URL_SECONDS = 3600;

/** `user/<user_id>/jobs/<job_id>/`, `team/<team_id>/<user_id>/jobs/…`, `team/<team_id>/shared/jobs/…` */
export function jobPrefix(owner: string, jobId: string): string {
  return `${ownerPrefix(owner, "jobs")}${jobId}/`;
}

export const sceneClipKey = (owner: string, jobId: string, sceneId: string) => `${jobPrefix(owner, jobId)}scene_${sceneId}.mp4`;

/** A generated clip is at most this big (a 30 s scene at 1080p is far below). */
const MAX_CLIP_BYTES = 512 * 1024 * 1024;

/**
 * Copies a clip a backend left elsewhere (a presigned URL, or base64 in its result) to `key` in
 * our outputs bucket. Re-running overwrites the same key; a clip already stored is left alone.
 */
export async function storeClip(source: ClipSource, key: string): Promise<void> {
  if (source.kind === "stored") {
    if (source.key !== key) throw new Error(`backend stored the clip at ${source.key}, expected ${key}`);
    return;
  }
  let body: Buffer;
  if (source.kind === "base64") body = Buffer.from(source.data, "base64");
  else {
    const res = await fetch(source.url, { signal: AbortSignal.timeout(5 * 60_000) });
    if (!res.ok) throw new Error(`fetching the clip failed: HTTP ${res.status}`);
    if (Number(res.headers.get("content-length") ?? 0) > MAX_CLIP_BYTES) throw new Error("the clip is larger than 512 MiB");
    body = Buffer.from(await res.arrayBuffer());
  }
  if (body.length === 0 || body.length > MAX_CLIP_BYTES) throw new Error(`the clip has ${body.length} bytes`);
  // worker-comfyui labels videos image/mp4; ours is what the file is.
  await s3().send(new PutObjectCommand({ Bucket: buckets().outputs, Key: key, Body: body, ContentType: "video/mp4", ContentLength: body.length }));
}

export function presignOutput(key: string): Promise<string> {
  return getSignedUrl(s3Public(), new GetObjectCommand({ Bucket: buckets().outputs, Key: key }), { expiresIn: OUTPUT_URL_SECONDS });
}

/** Deletes every object under the job's prefix; returns the bytes removed. */
export function deleteJobObjects(owner: string, jobId: string): Promise<number> {
  return deletePrefix(buckets().outputs, jobPrefix(owner, jobId));
}
