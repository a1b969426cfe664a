import { isJsonType, unsupportedType } from "./csrf";
import { AppError } from "./errors";
import { parseJsonStrict } from "./json-guard";

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the body as text, refusing (413) anything over `limit` bytes without buffering it all. */
export async function readBodyText(req: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const tooLarge = () =>
    new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${limit} bytes.`, { limit });
  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Parses a JSON body; empty means `{}`. Malformed JSON, duplicate keys and deep nesting are a 400,
 * forbidden keys and NUL characters a 422 (json-guard.ts), never a 500. With `requireJsonType` a
 * non-empty body must say Content-Type: application/json (browser writes: see csrf.ts).
 */
export async function readJsonBody(req: Request, limit = MAX_BODY_BYTES, requireJsonType = false): Promise<unknown> {
  const text = await readBodyText(req, limit);
  if (text.trim() === "") return {};
  if (requireJsonType && !isJsonType(req.headers.get("content-type"))) throw unsupportedType();
  return parseJsonStrict(text);
}
