import { GetObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { buckets, s3Public } from "@/lib/storage/s3";
import type { JobRow } from "./access";
import { attachmentDisposition } from "./download-name";
import type { JobOutput } from "./schemas";
import { OUTPUT_URL_SECONDS, presignOutput } from "./storage";

/** A presigned GET of the video whose response says "save as `<storyboard title>.mp4`". */
export function presignDownload(key: string, title: unknown): Promise<string> {
  const command = new GetObjectCommand({ Bucket: buckets().outputs, Key: key, ResponseContentDisposition: attachmentDisposition(title) });
  return getSignedUrl(s3Public(), command, { expiresIn: OUTPUT_URL_SECONDS });
}

/** A completed job's output with `video_url`, `thumbnail_url` and `download_url` (presigned 1 h); otherwise as stored. */
export async function outputWithUrls(row: JobRow) {
  const out = row.output as JobOutput | null;
  if (!out || row.status !== "completed") return out;
  const title = (row.specSnapshot as { title?: unknown } | null)?.title;
  const [video_url, thumbnail_url, download_url] = await Promise.all([
    presignOutput(out.video_key),
    presignOutput(out.thumbnail_key),
    presignDownload(out.video_key, title),
  ]);
  return { ...out, video_url, thumbnail_url, download_url };
}
