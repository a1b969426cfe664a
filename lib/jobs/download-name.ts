import contentDisposition from "content-disposition";

/** Characters browsers and file systems take in a plain `filename="…"` without surprises. */
const UNSAFE_ASCII = /[^A-Za-z0-9 ._()-]+/g;
const MAX_NAME = 120;

function baseName(title: unknown): string {
  const raw = typeof title === "string" ? title : "";
  // Path separators and control characters never reach a file name.
  const cleaned = raw.replace(/[\\/\p{Cc}]+/gu, " ").replace(/\s+/g, " ").trim().replace(/^\.+/, "");
  return cleaned.slice(0, MAX_NAME).trim() || "framecast-render";
}

/** The ASCII fallback: accents dropped (é → e), everything else outside [A-Za-z0-9 ._()-] → "_". */
export function asciiFileName(name: string): string {
  const ascii = name.normalize("NFKD").replace(/\p{M}+/gu, "").replace(UNSAFE_ASCII, "_").replace(/_+/g, "_").trim();
  return /[A-Za-z0-9]/.test(ascii.replace(/\.mp4$/, "")) ? ascii : "framecast-render.mp4";
}

/** `<storyboard title>.mp4`, cleaned for use as a file name. */
export function downloadFileName(title: unknown): string {
  return `${baseName(title)}.mp4`;
}

/**
 * `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<RFC 5987 percent-encoding>` — the
 * second form only when the name is not plain ASCII (browsers prefer `filename*`).
 */
export function attachmentDisposition(title: unknown): string {
  const name = downloadFileName(title);
  return contentDisposition(name, { type: "attachment", fallback: asciiFileName(name) });
}
