import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Uniform random alphanumeric string (rejection sampling: no modulo bias). */
function randomAlnum(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < 248 && out.length < length) out += ALPHABET[b % 62];
    }
  }
  return out;
}

/** Raw key `sk_live_<8>_<40>`; only its SHA-256 is stored, the prefix is shown in lists. */
export function generateApiKey(): { raw: string; prefix: string; hash: string } {
  const prefix = `sk_live_${randomAlnum(8)}`;
  const raw = `${prefix}_${randomAlnum(40)}`;
  return { raw, prefix, hash: hashApiKey(raw) };
}

export function hashApiKey(raw: string): string {
  return createHash("sha256").update(raw, "utf8").digest("hex");
}

export const API_KEY_PATTERN = /^sk_live_[A-Za-z0-9]{8}_[A-Za-z0-9]{32,}$/;
