/**
 * A post-sign-in destination that stays on this site: a path starting with a single "/".
 * Anything else (absolute URLs, protocol-relative "//evil", backslashes) falls back to /app.
 */
export function safeNext(raw: string | string[] | null | undefined, fallback = "/app"): string {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (!v || typeof v !== "string") return fallback;
  if (!v.startsWith("/") || v.startsWith("//") || v.startsWith("/\\") || /[\r\n]/.test(v)) return fallback;
  return v;
}
