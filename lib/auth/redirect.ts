/**
 * The one check for every post-sign-in destination (`next`): the server redirects (sign-in page,
 * magic-link callback, page-session redirects) and the client sign-in forms all go through it.
 *
 * Browsers strip TAB/CR/LF from URLs, treat "\" as "/", and map look-alike characters in host
 * names, so "/\t/evil.example" or "/\\evil.example" become "//evil.example" — off-site. Only plain
 * printable ASCII survives, in every percent-decoded layer, and the resolved URL must stay on the
 * origin it is resolved against.
 */
export const DEFAULT_NEXT = "/app";

const MAX_LENGTH = 2048;
const PROBE_ORIGIN = "http://framecast.invalid";

/** Printable ASCII without space or backslash: no control, whitespace, Unicode dots or slashes. */
const PLAIN = /^[\x21-\x5b\x5d-\x7e]*$/;

function isLocalPath(v: string): boolean {
  return PLAIN.test(v) && v.startsWith("/") && v[1] !== "/" && v[1] !== "\\";
}

/** Every percent-decoding layer of `v` (so "%2F%2F" and "%252F" are seen as the slashes they are), or null when malformed. */
function decodedLayers(v: string): string[] | null {
  const layers = [v];
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(layers[layers.length - 1]!);
    } catch {
      return null;
    }
    if (next === layers[layers.length - 1]) return layers;
    layers.push(next);
  }
  return null; // more layers than any real link has
}

/**
 * `raw` as a same-origin path (+ query + fragment), or `fallback` when it is missing or could lead
 * anywhere else. `origin` is only the base used to resolve "." and ".." segments.
 */
export function safeNextPath(raw: unknown, fallback: string = DEFAULT_NEXT, origin: string = PROBE_ORIGIN): string {
  const v = Array.isArray(raw) ? (raw[0] as unknown) : raw;
  if (typeof v !== "string" || v.length === 0 || v.length > MAX_LENGTH) return fallback;
  const layers = decodedLayers(v);
  if (!layers || !layers.every(isLocalPath)) return fallback;
  let url: URL;
  try {
    url = new URL(v, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(origin).origin) return fallback;
  const out = `${url.pathname}${url.search}${url.hash}`;
  // "/.//host" and "/..//host" normalise to "//host": check the serialised form as well.
  return isLocalPath(out) ? out : fallback;
}
