import { describe, expect, it } from "vitest";
import { signEmptyBody, verifyEmptyBodySignature } from "./sync-signature";

const KEY = `signkey-prod-${"ab".repeat(32)}`;
const OTHER = `signkey-prod-${"cd".repeat(32)}`;

describe("out-of-band sync signatures", () => {
  it("accepts a fresh signature by the key (or the fallback key), nothing else", () => {
    const now = Date.UTC(2026, 11, 4, 12);
    expect(verifyEmptyBodySignature(signEmptyBody(KEY, now), [KEY], now)).toBe(true);
    expect(verifyEmptyBodySignature(signEmptyBody(OTHER, now), [KEY, OTHER], now)).toBe(true);
    expect(verifyEmptyBodySignature(signEmptyBody(OTHER, now), [KEY], now)).toBe(false);
    expect(verifyEmptyBodySignature(signEmptyBody(KEY, now - 6 * 60_000), [KEY], now)).toBe(false);
    expect(verifyEmptyBodySignature(null, [KEY], now)).toBe(false);
    expect(verifyEmptyBodySignature("t=1&s=zz", [KEY], now)).toBe(false);
    // The key's `signkey-<env>-` prefix is not part of the HMAC key (as in the SDK).
    expect(verifyEmptyBodySignature(signEmptyBody(KEY.replace("signkey-prod-", "signkey-test-"), now), [KEY], now)).toBe(true);
  });
});
