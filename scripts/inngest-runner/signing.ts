/**
 * Request signing for an app running in cloud mode (INNGEST_SIGNING_KEY set): the SDK accepts
 * `x-inngest-signature: t=<unix s>&s=<hex HMAC-SHA256(key, canonical JSON + t)>`, keyed with the
 * signing key minus its `signkey-<env>-` prefix (shared/notes/toolchain.md §7).
 */
import { createHmac } from "node:crypto";

/** RFC 8785 JSON canonicalization: sorted keys, ES number formatting (what JSON.stringify does). */
export function canonicalize(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return canonicalize(JSON.parse(JSON.stringify(value)));
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalize(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalize(v)}`).join(",")}}`;
}

export function signature(body: unknown, signingKey: string, now = Date.now()): string {
  const t = Math.floor(now / 1000);
  const key = signingKey.replace(/^signkey-\w+-/, "");
  const s = createHmac("sha256", key).update(canonicalize(body) + t).digest("hex");
  return `t=${t}&s=${s}`;
}
