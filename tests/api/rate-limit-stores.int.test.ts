/**
 * The rate limit holds across app processes: two limiters, each with its own connections to the
 * shared store (two PostgreSQL pools; two Redis clients), hit one bucket at the same time. In every
 * fixed window exactly `limit` requests pass — none over, none lost — and each signed-in request is
 * metered once in usage.api_calls whichever store counts the window.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { createDb, db, type Db } from "@/lib/db/client";
import { hitRateLimit, limitFor, type LimiterStore, type RateLimitState, type RateSubject } from "@/lib/http/rate-limit";
import { createLimiterRedis } from "@/lib/http/rate-limit-redis";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const pools: Db[] = [];
const redisClients: NonNullable<LimiterStore>[] = [];

afterAll(async () => {
  await Promise.all(pools.map((p) => p.$client.end({ timeout: 5 })));
  await Promise.all(redisClients.map(async (r) => r.disconnect()));
});

/** The two "processes": each its own pool on the same database (made once: PGlite takes few connections). */
function processPools(): [Db, Db] {
  if (pools.length === 0) pools.push(createDb(config().DATABASE_URL, 2), createDb(config().DATABASE_URL, 2));
  return [pools[0]!, pools[1]!];
}

function processRedis(): NonNullable<LimiterStore> {
  const r = createLimiterRedis(REDIS_URL);
  redisClients.push(r);
  return r;
}

/** `perProcess` concurrent hits from each of the two processes; the states grouped by window. */
async function hammer(subject: RateSubject, perProcess: number, stores: [LimiterStore, LimiterStore]) {
  const [a, b] = processPools();
  const hits: Promise<RateLimitState>[] = [];
  for (let i = 0; i < perProcess; i++) hits.push(hitRateLimit(a, subject, stores[0]), hitRateLimit(b, subject, stores[1]));
  const byWindow = new Map<number, RateLimitState[]>();
  for (const s of await Promise.all(hits)) byWindow.set(s.reset, [...(byWindow.get(s.reset) ?? []), s]);
  return byWindow;
}

function expectLimitHeld(byWindow: Map<number, RateLimitState[]>, limit: number) {
  for (const states of byWindow.values()) {
    const passed = states.filter((s) => !s.exceeded).length;
    expect(passed).toBe(Math.min(states.length, limit));
    // Every request saw its own count: the remaining values of the admitted ones are all distinct.
    const remaining = states.filter((s) => !s.exceeded).map((s) => s.remaining);
    expect(new Set(remaining).size).toBe(remaining.length);
  }
}

async function apiCalls(owner: string): Promise<number> {
  const rows = await db().execute<{ n: number }>(sql`select coalesce(sum(api_calls), 0)::int as n from usage where owner = ${owner}`);
  return Number(rows[0]!.n);
}

const anonymous = (): RateSubject => ({ kind: "ip", address: `198.51.100.${Math.floor(Math.random() * 250) + 1}-${randomUUID()}` });
const signedIn = (): RateSubject => {
  const userId = randomUUID();
  return { kind: "user", userId, tier: "starter", usageOwner: `framecast:user:usr_${userId}` };
};

describe("rate limits across two app processes", () => {
  it("PostgreSQL store: two pools, one bucket — exactly the limit passes per window", async () => {
    const subject = anonymous();
    const limit = limitFor(subject);
    const byWindow = await hammer(subject, limit, [null, null]);
    expectLimitHeld(byWindow, limit);
    expect([...byWindow.values()].flat().filter((s) => s.exceeded).length).toBeGreaterThan(0);
  });

  it("PostgreSQL store: signed-in requests are metered in api_calls exactly once each", async () => {
    const subject = signedIn();
    const limit = limitFor(subject);
    const byWindow = await hammer(subject, limit, [null, null]);
    expectLimitHeld(byWindow, limit);
    expect(await apiCalls((subject as { usageOwner: string }).usageOwner)).toBe(limit * 2);
  });

  it("Redis store: two clients, one bucket — exactly the limit passes per window, usage still metered", async () => {
    const subject = signedIn();
    const limit = limitFor(subject);
    const byWindow = await hammer(subject, limit, [processRedis(), processRedis()]);
    expectLimitHeld(byWindow, limit);
    expect([...byWindow.values()].flat().filter((s) => s.exceeded).length).toBeGreaterThan(0);
    expect(await apiCalls((subject as { usageOwner: string }).usageOwner)).toBe(limit * 2);
  });

  it("Redis store unreachable: the request is refused (503), never let through", async () => {
    const dead = createLimiterRedis("redis://127.0.0.1:9");
    redisClients.push(dead);
    await expect(hitRateLimit(db(), anonymous(), dead)).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
  });
});
