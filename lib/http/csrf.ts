/**
 * Cross-site request forgery: a browser sends cookies with cross-site form posts, so any write that
 * could ride on (or set) a session cookie must come from our own pages. Requests with an
 * Authorization header (bearer tokens, API keys) cannot be forged by a page and are not checked.
 */
import { config } from "@/lib/config";
import { AppError } from "./errors";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// What a cross-site <form> or no-cors fetch can send without a CORS preflight.
const SIMPLE_TYPES = new Set(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]);

/** An unsafe method without an Authorization header: what a browser could send with its cookies. */
export function isBrowserWrite(req: Request): boolean {
  return UNSAFE.has(req.method) && !req.headers.has("authorization");
}

export function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

export function isJsonType(contentType: string | null): boolean {
  const t = mediaType(contentType);
  return t === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(t);
}

function sameHost(origin: string, headers: Headers): boolean {
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // includes the opaque origin "null"
  }
  const ours = [headers.get("host"), headers.get("x-forwarded-host"), new URL(config().APP_URL).host];
  return ours.some((h) => h !== null && h.toLowerCase() === host.toLowerCase());
}

/**
 * Fetch Metadata first (`Sec-Fetch-Site`: only same-origin, or none for a user-typed request), else
 * `Origin` against our host. Neither header: not a browser (curl, servers), which cannot carry a
 * victim's cookies anyway.
 */
export function assertSameOrigin(req: Request): void {
  const site = req.headers.get("sec-fetch-site");
  const origin = req.headers.get("origin");
  const ok = site !== null ? site === "same-origin" || site === "none" : origin === null || sameHost(origin, req.headers);
  if (!ok) throw AppError.forbidden("Cross-site requests are refused: send the request from the Framecast app or with an Authorization header.");
}

/** Bodies that a cross-site form could have produced are refused before anything reads them. */
export function assertNotSimpleType(req: Request): void {
  if (SIMPLE_TYPES.has(mediaType(req.headers.get("content-type")))) throw unsupportedType();
}

export function unsupportedType(): AppError {
  return new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON with Content-Type: application/json.");
}
