/**
 * Where a backend left a finished clip, read from its COMPLETED result:
 * - `{bucket, key}` — already in our outputs bucket (the local worker writes there directly);
 * - `{url}` — to be copied in;
 * - worker-comfyui v5 `{images: [{filename, type: "s3_url" | "base64", data}]}` — its video outputs
 *   (core SaveVideo) come back in `images` too, told apart by the file extension.
 */
export type ClipSource = { kind: "stored"; key: string } | { kind: "url"; url: string } | { kind: "base64"; data: string };

const VIDEO_FILE = /\.(mp4|webm|mov|mkv)$/i;

interface ComfyImage {
  filename?: unknown;
  type?: unknown;
  data?: unknown;
}

export function clipSource(output: Record<string, unknown> | undefined | null): ClipSource | null {
  if (!output) return null;
  if (typeof output.key === "string") return { kind: "stored", key: output.key };
  if (typeof output.url === "string") return { kind: "url", url: output.url };
  const images = Array.isArray(output.images) ? (output.images as ComfyImage[]) : [];
  const video = images.find((i) => typeof i?.filename === "string" && VIDEO_FILE.test(i.filename) && typeof i.data === "string");
  if (!video) return null;
  return video.type === "base64" ? { kind: "base64", data: video.data as string } : { kind: "url", url: video.data as string };
}

/** The last frame a segment graph saved (SaveImage "framecast/last" → `last_00001_.png`). */
const LAST_FRAME_FILE = /(^|\/)last_\d+_\.png$/i;

export function lastFrameSource(output: Record<string, unknown> | undefined | null): ClipSource | null {
  const images = Array.isArray(output?.images) ? (output.images as ComfyImage[]) : [];
  const frame = images.find((i) => typeof i?.filename === "string" && LAST_FRAME_FILE.test(i.filename) && typeof i.data === "string");
  if (!frame) return null;
  return frame.type === "base64" ? { kind: "base64", data: frame.data as string } : { kind: "url", url: frame.data as string };
}

/** What a COMPLETED result without a clip is told, with the files it did return. */
export function noClipMessage(output: Record<string, unknown> | undefined | null): string {
  const files = Array.isArray(output?.images) ? (output.images as ComfyImage[]).map((i) => String(i?.filename)).join(", ") : "";
  return `The render backend finished without a video clip${files ? ` (it returned ${files})` : ""}.`;
}
