import { describe, expect, it } from "vitest";
import * as account from "@/app/v1/account/route";
import * as status from "@/app/v1/status/route";
import { starter } from "../helpers/fixtures";
import { call } from "../helpers/http";

describe("rate limits (spec part 2 §2)", () => {
  it("the 61st request by a starter within a minute → 429 with Retry-After and the headers", async () => {
    const s = await starter(); // the provisioning request counts as the first
    // Keep the 61 requests inside one fixed window: start right after a minute boundary if close to one.
    const msToBoundary = 60_000 - (Date.now() % 60_000);
    if (msToBoundary < 10_000) await new Promise((r) => setTimeout(r, msToBoundary + 50));
    const first = await call(account.GET, { token: s.token });
    expect(first.headers.get("x-ratelimit-limit")).toBe("60");
    const used = 60 - Number(first.headers.get("x-ratelimit-remaining"));
    const rest = await Promise.all(Array.from({ length: 60 - used }, () => call(account.GET, { token: s.token })));
    expect(rest.every((r) => r.status === 200)).toBe(true);
    const limited = await call(account.GET, { token: s.token });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("RATE_LIMIT_EXCEEDED");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get("x-ratelimit-retryafter")).toBe(String(retryAfter));
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(Number(limited.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
    expect(limited.json.error.details.retry_after).toBe(retryAfter);
  });

  it("anonymous requests are limited per IP at 30/min", async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 200)}`;
    const headers = { "x-forwarded-for": ip };
    const msToBoundary = 60_000 - (Date.now() % 60_000);
    if (msToBoundary < 10_000) await new Promise((r) => setTimeout(r, msToBoundary + 50));
    const res = await Promise.all(Array.from({ length: 31 }, () => call(status.GET, { headers })));
    const codes = res.map((r) => r.status).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(30);
    expect(codes.filter((c) => c === 429)).toHaveLength(1);
    const other = await call(status.GET, { headers: { "x-forwarded-for": "198.51.100.7" } });
    expect(other.status).toBe(200);
  });
});
