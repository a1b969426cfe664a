/**
 * The content type a file really is, from its first bytes (magic numbers), for the types assets
 * may have. Null when it is none of them.
 */
const ascii = (b: Uint8Array, at: number, s: string) => s.split("").every((c, i) => b[at + i] === c.charCodeAt(0));

export function sniffContentType(b: Uint8Array): string | null {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (ascii(b, 0, "\x89PNG\r\n\x1a\n")) return "image/png";
  if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) return "image/webp";
  if (ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) return "audio/wav";
  if (ascii(b, 0, "OggS")) return "audio/ogg";
  if (ascii(b, 4, "ftyp")) return "video/mp4";
  // MP3: an ID3v2 tag, or an MPEG audio frame sync (11 set bits) with layer III
  if (ascii(b, 0, "ID3")) return "audio/mpeg";
  if (b[0] === 0xff && b[1] !== undefined && (b[1] & 0xe0) === 0xe0 && (b[1] & 0x06) === 0x02) return "audio/mpeg";
  return null;
}

/** `Keeper photo (1).PNG` → `keeper-photo-1.png`: safe in a storage key, recognisable to people. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot + 1)] : [base, ""];
  const clean = (s: string) =>
    s
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .replace(/[^\w.-]+/g, "-")
      .replace(/[_-]{2,}/g, "-")
      .replace(/^[-.]+|[-.]+$/g, "")
      .toLowerCase();
  const s = clean(stem).slice(0, 100) || "file";
  const e = clean(ext).slice(0, 10);
  return e ? `${s}.${e}` : s;
}
