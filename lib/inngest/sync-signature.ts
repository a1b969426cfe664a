/**
 * An out-of-band sync (`PUT /api/inngest` with no body) makes the app register its functions with
 * its Inngest server. The SDK accepts it unsigned; with a signing key set we require
 * `x-inngest-signature: t=<unix s>&s=<hex HMAC-SHA256(key, t)>` (the SDK's scheme over an empty body,
 * keyed with the signing key minus its `signkey-<env>-` prefix), fresh within 5 minutes.
 * In-band syncs carry a signed body, which the SDK verifies itself.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

const MAX_AGE_SECONDS = 5 * 60;

const hmacKey = (signingKey: string) => signingKey.replace(/^signkey-\w+-/, "");

export function signEmptyBody(signingKey: string, now = Date.now()): string {
  const t = Math.floor(now / 1000);
  return `t=${t}&s=${createHmac("sha256", hmacKey(signingKey)).update(String(t)).digest("hex")}`;
}

export function verifyEmptyBodySignature(header: string | null, signingKeys: readonly string[], now = Date.now()): boolean {
  if (!header) return false;
  const params = new URLSearchParams(header);
  const t = Number(params.get("t"));
  const s = params.get("s") ?? "";
  if (!Number.isInteger(t) || Math.abs(now / 1000 - t) > MAX_AGE_SECONDS || !/^[0-9a-f]{64}$/.test(s)) return false;
  return signingKeys.some((key) => {
    const expected = createHmac("sha256", hmacKey(key)).update(String(t)).digest();
    return timingSafeEqual(expected, Buffer.from(s, "hex"));
  });
}
