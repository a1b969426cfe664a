/** Minimal Cookie header parsing, so auth works on any Request (route handlers and tests alike). */
export function parseCookies(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    const raw = part.slice(i + 1).trim();
    try {
      out.set(name, decodeURIComponent(raw));
    } catch {
      out.set(name, raw);
    }
  }
  return out;
}

/** The cookie that carries the local-mode session (a Supabase-shaped JWT). */
export const LOCAL_SESSION_COOKIE = "fc_session";
export const LOCAL_SESSION_SECONDS = 7 * 24 * 3600;
