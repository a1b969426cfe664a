import { describe, expect, it } from "vitest";
import { API_KEY_PATTERN, generateApiKey, hashApiKey } from "./keys";
import { hasScope } from "@/lib/auth/scopes";

describe("API key material", () => {
  it("has the spec's format, a visible prefix and a SHA-256 hash", () => {
    const k = generateApiKey();
    expect(k.raw).toMatch(API_KEY_PATTERN);
    expect(k.raw.startsWith(`${k.prefix}_`)).toBe(true);
    expect(k.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(k.raw)).toBe(k.hash);
  });

  it("is unique across many draws", () => {
    const seen = new Set(Array.from({ length: 2000 }, () => generateApiKey().raw));
    expect(seen.size).toBe(2000);
  });

  it("scope checks: '*' allows all, otherwise exact", () => {
    expect(hasScope(["*"], "team:admin")).toBe(true);
    expect(hasScope(["jobs:read"], "jobs:read")).toBe(true);
    expect(hasScope(["jobs:read"], "jobs:write")).toBe(false);
  });
});
