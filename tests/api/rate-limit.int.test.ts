import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import * as account from "@/app/v1/account/route";
import * as status from "@/app/v1/status/route";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { PEER_HEADER, peerHeaderValue } from "@/lib/http/client-ip";
import { starter } from "../helpers/fixtures";
import { call } from "../helpers/http";
import { serveRoute } from "../helpers/serve";

let peerSeq = 0;
/** A request "from" a fresh socket address, stamped the way the server stamps real ones. */
function fromPeer(address = `203.0.113.${++peerSeq}`, extra: Record<string, string> = {}) {
  return { [PEER_HEADER]: peerHeaderValue(address), ...extra };
}

function withTrustProxy(hops: string) {
  process.env.TRUST_PROXY = hops;
  resetConfig();
}

afterEach(() => {
  delete process.env.TRUST_PROXY;
  resetConfig();
});

/**
 * Sends requests one at a time until one fixed window has seen `n` of them (a window boundary in
 * between just starts over), and returns that window's statuses in order.
 */
async function oneWindow(n: number, send: (i: number) => Promise<{ status: number; headers: Headers }>) {
  const byWindow = new Map<string, { status: number; headers: Headers }[]>();
  for (let i = 0; i < n * 3; i++) {
    const res = await send(i);
    const reset = res.headers.get("x-ratelimit-reset");
    expect(reset, `request ${i} has no X-RateLimit-Reset (status ${res.status})`).toBeTruthy();
    const list = byWindow.get(reset!) ?? [];
    list.push(res);
    byWindow.set(reset!, list);
    if (list.length === n) return list;
  }
  throw new Error("no window saw enough requests");
}

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

  it("anonymous requests are limited per socket address at 30/min; another address has its own count", async () => {
    const peer = fromPeer();
    const res = await oneWindow(31, () => call(status.GET, { headers: peer }));
    expect(res.map((r) => r.status)).toEqual([...Array(30).fill(200), 429]);
    const other = await call(status.GET, { headers: fromPeer() });
    expect(other.status).toBe(200);
  });

  it("over real HTTP, 40 anonymous requests each with a different X-Forwarded-For → 429 from the 31st on, with Retry-After", async () => {
    const served = await serveRoute(status.GET);
    try {
      const res = await oneWindow(40, async (i) => {
        const r = await fetch(`${served.url}/v1/status`, { headers: { "x-forwarded-for": `198.51.100.${i % 250}, 192.0.2.${i % 250}`, [PEER_HEADER]: `forged 10.0.0.${i}` } });
        await r.arrayBuffer();
        return r;
      });
      expect(res.map((r) => r.status)).toEqual([...Array(30).fill(200), ...Array(10).fill(429)]);
      for (const r of res.slice(30)) {
        expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        expect(r.headers.get("x-ratelimit-remaining")).toBe("0");
      }
    } finally {
      await served.stop();
    }
  });

  it("a 6,000-character X-Forwarded-For is still rate-limited, with the headers (the key is hashed)", async () => {
    const huge = Array.from({ length: 600 }, (_, i) => `10.${i % 250}.0.1`).join(",").padEnd(6000, "9");
    expect(huge.length).toBeGreaterThanOrEqual(6000);
    const peer = fromPeer(undefined, { "x-forwarded-for": huge });
    const res = await oneWindow(31, () => call(status.GET, { headers: peer }));
    expect(res.map((r) => r.status)).toEqual([...Array(30).fill(200), 429]);
    expect(res.every((r) => r.headers.get("x-ratelimit-limit") === "30")).toBe(true);

    withTrustProxy("1");
    const trusted = await oneWindow(31, () => call(status.GET, { headers: { "x-forwarded-for": `1.2.3.4, ${"f".repeat(6000)}` } }));
    expect(trusted.map((r) => r.status)).toEqual([...Array(30).fill(200), 429]);
    const buckets = await db().execute<{ n: number }>(sql`select max(length(bucket))::int as n from rate_limit_counters`);
    expect(buckets[0]!.n).toBeLessThanOrEqual(64);
  });

  it("TRUST_PROXY=n takes the n-th X-Forwarded-For entry from the right; what the client wrote left of it does not matter", async () => {
    withTrustProxy("2");
    const rotating = await oneWindow(31, (i) =>
      call(status.GET, { headers: fromPeer("10.9.9.9", { "x-forwarded-for": `203.0.113.${i}, 198.51.100.77, 10.0.0.1` }) }),
    );
    expect(rotating.map((r) => r.status)).toEqual([...Array(30).fill(200), 429]);
    const other = await call(status.GET, { headers: fromPeer("10.9.9.9", { "x-forwarded-for": "198.51.100.78, 10.0.0.1" }) });
    expect(other.status).toBe(200);

    withTrustProxy("1");
    const right = await oneWindow(31, (i) => call(status.GET, { headers: { "x-forwarded-for": `forged-${i}, 192.0.2.200` } }));
    expect(right.map((r) => r.status)).toEqual([...Array(30).fill(200), 429]);
  });

  it("the limiter failing → 503 SERVICE_UNAVAILABLE in the envelope, never served unlimited", async () => {
    const s = await starter();
    await db().execute(sql`alter table rate_limit_counters rename to rate_limit_counters_off`);
    try {
      for (const res of [await call(status.GET, { headers: fromPeer() }), await call(account.GET, { token: s.token })]) {
        expect(res.status).toBe(503);
        expect(res.json).toEqual({ error: { code: "SERVICE_UNAVAILABLE", message: expect.any(String) } });
      }
    } finally {
      await db().execute(sql`alter table rate_limit_counters_off rename to rate_limit_counters`);
    }
    expect((await call(status.GET, { headers: fromPeer() })).status).toBe(200);
  });
});
