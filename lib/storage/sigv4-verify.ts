/**
 * AWS Signature V4 checks for the embedded S3 store: the signature is recomputed with
 * `@smithy/signature-v4` (the signer the AWS SDK uses) from the request as received, for both the
 * Authorization header and presigned query strings, and compared in constant time.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface IncomingSigned {
  method: string;
  /** The raw request target: path (still percent-encoded) and query string. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export type Verdict =
  | { ok: true; payloadHash: string }
  | { ok: false; status: 400 | 403; code: string; message: string };

export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
const ALGORITHM = "AWS4-HMAC-SHA256";
const MAX_SKEW_MS = 15 * 60_000;
const MAX_EXPIRES_SECONDS = 7 * 24 * 3600;
const AUTH_HEADER =
  /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([a-z0-9;._-]+),\s*Signature=([0-9a-f]{64})$/;
const QUERY_AUTH = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature"];

type Source = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Source): Buffer =>
  typeof d === "string" ? Buffer.from(d, "utf8") : ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d);

/** node:crypto behind the hash interface the signer expects (SHA-256, HMAC-SHA-256 with a secret). */
export class NodeSha256 {
  private readonly hash;
  constructor(secret?: Source) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(data: Source) {
    this.hash.update(bytes(data));
  }
  digest() {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset() {}
}

const deny = (message: string, code = "AccessDenied"): Verdict => ({ ok: false, status: 403, code, message });
const mismatch = () => deny("The request signature we calculated does not match the signature you provided.", "SignatureDoesNotMatch");

function sameHex(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** `20260101T120000Z` → Date, or null. */
function parseAmzDate(s: string | undefined): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s ?? "");
  if (!m) return null;
  const [, y, mo, d, h, mi, se] = m.map(Number) as number[];
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, se!));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Query parameters decoded as S3 does (`+` is not a space). Null when an escape is malformed. */
function parseQuery(raw: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  try {
    for (const part of raw.split("&")) {
      if (!part) continue;
      const i = part.indexOf("=");
      const key = decodeURIComponent(i < 0 ? part : part.slice(0, i));
      if (key in out) return null; // a repeated parameter could sign one value and serve another
      out[key] = i < 0 ? "" : decodeURIComponent(part.slice(i + 1));
    }
  } catch {
    return null;
  }
  return out;
}

interface Scope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

function parseCredential(s: string): Scope | null {
  const m = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/.exec(s);
  return m ? { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, service: m[4]! } : null;
}

function headerValue(headers: IncomingSigned["headers"], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

/** The signed headers as received; null when one is missing or `host` is not among them. */
function signedHeaderValues(headers: IncomingSigned["headers"], list: string): Record<string, string> | null {
  const names = list.split(";");
  if (!names.includes("host")) return null;
  const out: Record<string, string> = {};
  for (const name of names) {
    const v = headerValue(headers, name);
    if (v === undefined) return null;
    out[name] = v;
  }
  return out;
}

function checkScope(scope: Scope | null, signedAt: Date | null, creds: S3Credentials): Verdict | null {
  if (!scope || !signedAt) return deny("The authorization is malformed.");
  if (scope.accessKeyId !== creds.accessKeyId) return deny("The AWS access key id you provided does not exist in our records.", "InvalidAccessKeyId");
  if (scope.service !== "s3" || scope.date !== signedAt.toISOString().slice(0, 10).replace(/-/g, "")) return mismatch();
  return null;
}

function signer(creds: S3Credentials, region: string) {
  return new SignatureV4({ credentials: creds, region, service: "s3", sha256: NodeSha256, uriEscapePath: false, applyChecksum: false });
}

async function verifyHeader(req: IncomingSigned, path: string, query: Record<string, string>, creds: S3Credentials, now: Date): Promise<Verdict> {
  const m = AUTH_HEADER.exec(headerValue(req.headers, "authorization") ?? "");
  if (!m) return deny("The authorization header is malformed.");
  const [, credential, signedList, signature] = m;
  const scope = parseCredential(credential!);
  const signedAt = parseAmzDate(headerValue(req.headers, "x-amz-date"));
  const bad = checkScope(scope, signedAt, creds);
  if (bad) return bad;
  if (Math.abs(now.getTime() - signedAt!.getTime()) > MAX_SKEW_MS) {
    return deny("The difference between the request time and the current time is too large.", "RequestTimeTooSkewed");
  }
  const headers = signedHeaderValues(req.headers, signedList!);
  const payloadHash = headerValue(req.headers, "x-amz-content-sha256");
  if (!headers || !signedList!.split(";").includes("x-amz-date") || !payloadHash) return deny("Required headers are missing or not signed.");
  const names = new Set(Object.keys(headers));
  const signed = await signer(creds, scope!.region).sign(
    { method: req.method, protocol: "http:", hostname: "", path, query, headers: { ...headers, "x-amz-content-sha256": payloadHash } },
    { signingDate: signedAt!, signingRegion: scope!.region, signingService: "s3", signableHeaders: names },
  );
  const ours = AUTH_HEADER.exec(String(signed.headers.authorization ?? ""));
  if (!ours || ours[2] !== signedList || !sameHex(ours[3], signature)) return mismatch();
  return { ok: true, payloadHash };
}

async function verifyQuery(req: IncomingSigned, path: string, query: Record<string, string>, creds: S3Credentials, now: Date): Promise<Verdict> {
  if (query["X-Amz-Algorithm"] !== ALGORITHM || QUERY_AUTH.some((k) => query[k] === undefined)) return deny("The presigned URL is malformed.");
  const scope = parseCredential(query["X-Amz-Credential"]!);
  const signedAt = parseAmzDate(query["X-Amz-Date"]);
  const bad = checkScope(scope, signedAt, creds);
  if (bad) return bad;
  const expires = /^\d{1,6}$/.test(query["X-Amz-Expires"]!) ? Number(query["X-Amz-Expires"]) : NaN;
  if (!(expires >= 1 && expires <= MAX_EXPIRES_SECONDS)) return deny("X-Amz-Expires must be between 1 and 604800 seconds.");
  if (now.getTime() > signedAt!.getTime() + expires * 1000) return deny("Request has expired.");
  if (signedAt!.getTime() - now.getTime() > MAX_SKEW_MS) return deny("Request is not valid yet.");
  const headers = signedHeaderValues(req.headers, query["X-Amz-SignedHeaders"]!);
  if (!headers) return deny("Required headers are missing or not signed.");
  const rest = Object.fromEntries(Object.entries(query).filter(([k]) => !QUERY_AUTH.includes(k)));
  // The SDK puts the payload hash (UNSIGNED-PAYLOAD) in the query; the signer hoists it back there.
  const payloadHash = rest["X-Amz-Content-Sha256"];
  delete rest["X-Amz-Content-Sha256"];
  const names = new Set(Object.keys(headers));
  const presigned = await signer(creds, scope!.region).presign(
    {
      method: req.method,
      protocol: "http:",
      hostname: "",
      path,
      query: rest,
      headers: payloadHash === undefined ? headers : { ...headers, "X-Amz-Content-Sha256": payloadHash },
      // Neither a string nor bytes: the signer then hashes the payload as UNSIGNED-PAYLOAD.
      body: payloadHash === undefined ? {} : undefined,
    },
    { signingDate: signedAt!, expiresIn: expires, signingRegion: scope!.region, signingService: "s3", signableHeaders: names, unhoistableHeaders: names },
  );
  const ours = presigned.query ?? {};
  if (ours["X-Amz-SignedHeaders"] !== query["X-Amz-SignedHeaders"]) return mismatch();
  if (!sameHex(String(ours["X-Amz-Signature"]), query["X-Amz-Signature"])) return mismatch();
  return { ok: true, payloadHash: payloadHash ?? UNSIGNED_PAYLOAD };
}

/** Whether the request carries a valid SigV4 signature by `creds`; on success, the payload hash it promises. */
export async function verifySigV4(req: IncomingSigned, creds: S3Credentials, now = new Date()): Promise<Verdict> {
  const q = req.url.indexOf("?");
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const query = parseQuery(q < 0 ? "" : req.url.slice(q + 1));
  if (!query) return deny("The query string is malformed.");
  const byHeader = headerValue(req.headers, "authorization") !== undefined;
  const byQuery = "X-Amz-Signature" in query || "X-Amz-Algorithm" in query;
  if (byHeader && byQuery) return { ok: false, status: 400, code: "InvalidArgument", message: "Only one auth mechanism allowed." };
  if (byHeader) return verifyHeader(req, path, query, creds, now);
  if (byQuery) return verifyQuery(req, path, query, creds, now);
  return deny("Anonymous access is not allowed: sign the request (AWS Signature Version 4).");
}

/** Whether `hash` is a SHA-256 the body must match (as opposed to UNSIGNED-PAYLOAD). */
export const isPayloadDigest = (hash: string) => /^[0-9a-f]{64}$/.test(hash);
