/**
 * The embedded S3 store's front door: every request must carry a valid SigV4 signature (header or
 * presigned query) by the embedded credentials before it reaches the S3 server behind it (s3rver,
 * on a Unix socket). Everything else gets S3's XML error. Only CORS preflights (OPTIONS), which
 * browsers send unsigned and which expose no data, pass as they are.
 */
import http from "node:http";
import { createHash, randomUUID } from "node:crypto";
import { isPayloadDigest, UNSIGNED_PAYLOAD, verifySigV4, type S3Credentials } from "./sigv4-verify";

/** Larger signed bodies are refused rather than held in memory (presigned/unsigned-payload uploads stream). */
const MAX_BUFFERED_BYTES = 512 * 1024 * 1024;

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function sendError(res: http.ServerResponse, status: number, code: string, message: string) {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message><RequestId>${randomUUID()}</RequestId></Error>`;
  if (res.headersSent) return res.destroy();
  res.writeHead(status, { "content-type": "application/xml", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** Reads the body while hashing it; null when it is larger than the limit. */
async function readBody(req: http.IncomingMessage): Promise<{ body: Buffer; sha256: string } | null> {
  const hash = createHash("sha256");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BUFFERED_BYTES) return null;
    hash.update(chunk);
    chunks.push(chunk);
  }
  return { body: Buffer.concat(chunks), sha256: hash.digest("hex") };
}

function forward(req: http.IncomingMessage, res: http.ServerResponse, socketPath: string, body?: Buffer) {
  const upstream = http.request({ socketPath, method: req.method, path: req.url, headers: req.headers }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  upstream.on("error", () => sendError(res, 503, "ServiceUnavailable", "The storage server is not answering."));
  if (body) upstream.end(body);
  else req.pipe(upstream);
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, socketPath: string, creds: S3Credentials) {
  if (req.method === "OPTIONS") return forward(req, res, socketPath);
  const verdict = await verifySigV4({ method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers }, creds);
  if (!verdict.ok) return sendError(res, verdict.status, verdict.code, verdict.message);
  if (verdict.payloadHash === UNSIGNED_PAYLOAD) return forward(req, res, socketPath);
  if (!isPayloadDigest(verdict.payloadHash)) {
    return sendError(res, 403, "AccessDenied", "Only signed or UNSIGNED-PAYLOAD bodies are accepted (no aws-chunked streaming).");
  }
  const read = await readBody(req);
  if (!read) return sendError(res, 400, "EntityTooLarge", "The signed body is too large for the embedded store.");
  if (read.sha256 !== verdict.payloadHash) {
    return sendError(res, 400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
  forward(req, res, socketPath, read.body);
}

/** An HTTP server that verifies each request and passes it to the S3 server on `socketPath`. */
export function createVerifyingProxy(opts: { socketPath: string; credentials: S3Credentials }): http.Server {
  return http.createServer((req, res) => {
    handle(req, res, opts.socketPath, opts.credentials).catch(() => sendError(res, 500, "InternalError", "The request could not be checked."));
  });
}
