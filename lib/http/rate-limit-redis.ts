/**
 * The Redis rate-limit store (REDIS_URL set): one round trip per request, a Lua script that counts
 * the caller's fixed one-minute window by Redis' own clock (every app process shares the windows,
 * whatever their clocks) and lets the key expire after the window. No write-ahead log, no row lock.
 */
import Redis from "ioredis";
import { config } from "@/lib/config";

const HIT = `
local now = tonumber(redis.call('TIME')[1])
local window = tonumber(ARGV[1])
local start = now - (now % window)
local key = KEYS[1] .. ':' .. start
local count = redis.call('INCR', key)
if count == 1 then redis.call('EXPIRE', key, window * 2) end
return {count, start + window}`;

export type LimiterRedis = Redis & { framecastHit(key: string, windowSeconds: number): Promise<[number, number]> };

export function createLimiterRedis(url: string): LimiterRedis {
  const client = new Redis(url, {
    // A limiter that cannot answer refuses the request (503) instead of queueing it for long.
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 2000,
    lazyConnect: false,
  });
  client.on("error", () => {}); // each failed command rejects and is logged by the caller
  client.defineCommand("framecastHit", { numberOfKeys: 1, lua: HIT });
  return client as LimiterRedis;
}

const globalForRedis = globalThis as unknown as { framecastLimiterRedis?: LimiterRedis };

/** The process-wide client (kept across Next dev hot reloads). */
export function limiterRedis(): LimiterRedis {
  globalForRedis.framecastLimiterRedis ??= createLimiterRedis(config().REDIS_URL!);
  return globalForRedis.framecastLimiterRedis;
}

/** Counts one request in `bucket`'s current window: the count so far and when the window ends. */
export async function hitRedisWindow(client: LimiterRedis, bucket: string, windowSeconds: number): Promise<{ count: number; reset: number }> {
  // The hash tag keeps every window of one bucket in one cluster slot.
  const [count, reset] = await client.framecastHit(`framecast:rl:{${bucket}}`, windowSeconds);
  return { count: Number(count), reset: Number(reset) };
}

export async function closeLimiterRedis(): Promise<void> {
  const current = globalForRedis.framecastLimiterRedis;
  globalForRedis.framecastLimiterRedis = undefined;
  await current?.quit().catch(() => undefined);
}
