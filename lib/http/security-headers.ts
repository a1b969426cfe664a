/**
 * The security headers of every response (spec/api.md "Security"). Pure: no config or env reads,
 * so next.config.ts can import it too. The proxy adds the per-request parts (nonce CSP, HSTS).
 */

/** API responses (/v1, /api) are never rendered as documents: nothing may load, nothing may frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export const HSTS = "max-age=63072000; includeSubDomains";

/** On every response, pages, API and static files alike. */
export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy":
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), display-capture=(), fullscreen=(self)",
};

export type PagePolicy = {
  nonce: string;
  /** `next dev`: React needs eval for its dev-only error overlays. */
  dev: boolean;
  https: boolean;
  /** Origins the browser loads from / uploads to with presigned URLs (object storage). */
  storage: string[];
  /** Other origins the browser talks to (e.g. Supabase Auth). */
  connect: string[];
};

function list(...parts: (string | false)[]): string {
  return parts.filter(Boolean).join(" ");
}

/**
 * The page CSP. Scripts need this request's nonce (Next.js puts it on its own scripts);
 * 'strict-dynamic' lets those load their chunks. Styles allow 'unsafe-inline' because Monaco
 * creates <style> elements without a nonce and renders its view lines with style attributes.
 */
export function pageCsp(p: PagePolicy): string {
  const storage = p.storage.join(" ");
  return [
    "default-src 'self'",
    `script-src ${list("'self'", `'nonce-${p.nonce}'`, "'strict-dynamic'", p.dev && "'unsafe-eval'")}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src ${list("'self'", "data:", "blob:", storage)}`,
    `media-src ${list("'self'", "blob:", storage)}`,
    "font-src 'self' data:",
    `connect-src ${list("'self'", storage, p.connect.join(" "))}`,
    "worker-src 'self' blob:",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(p.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** A fresh, unguessable nonce (128 bits, base64). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

type StorageSettings = {
  S3_ENDPOINT?: string;
  S3_PUBLIC_ENDPOINT?: string;
  S3_REGION: string;
  S3_FORCE_PATH_STYLE: boolean;
  buckets: string[];
};

/** The origins presigned URLs point at: the public S3 endpoint, else AWS's hosts for our buckets. */
export function storageOrigins(s: StorageSettings): string[] {
  const endpoint = s.S3_PUBLIC_ENDPOINT ?? s.S3_ENDPOINT;
  if (endpoint) return [new URL(endpoint).origin];
  const regional = `https://s3.${s.S3_REGION}.amazonaws.com`;
  if (s.S3_FORCE_PATH_STYLE) return [regional];
  // Bucket names with dots are addressed path-style by the SDK, so the regional host stays in.
  return [...new Set(s.buckets)].map((b) => `https://${b}.s3.${s.S3_REGION}.amazonaws.com`).concat(regional);
}

/** Headers a response needs on top of next.config.ts's static ones. */
export function dynamicSecurityHeaders(csp: string | null, https: boolean): Record<string, string> {
  return { ...(csp ? { "Content-Security-Policy": csp } : {}), ...(https ? { "Strict-Transport-Security": HSTS } : {}) };
}
