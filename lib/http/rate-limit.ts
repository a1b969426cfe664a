import { sql } from "drizzle-orm";
import { config } from "@/lib/config";
import type { DbOrTx } from "@/lib/db/client";
import { log } from "@/lib/log";
import { addressBucket } from "./client-ip";
import { AppError } from "./errors";
import { hitRedisWindow, limiterRedis, type LimiterRedis } from "./rate-limit-redis";

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Unix seconds when the window resets. */
  reset: number;
  exceeded: boolean;
}

export type RateSubject =
  | { kind: "user"; userId: string; tier: "starter" | "creator"; usageOwner: string }
  | { kind: "ip"; address: string };

const WINDOW_SECONDS = 60;

export function limitFor(subject: RateSubject): number {
  const c = config();
  if (subject.kind === "ip") return c.RATE_LIMIT_ANONYMOUS;
  return subject.tier === "creator" ? c.RATE_LIMIT_CREATOR : c.RATE_LIMIT_STARTER;
}

/** Where the windows are counted: Redis when REDIS_URL is set, else PostgreSQL (null). */
export type LimiterStore = LimiterRedis | null;

export const defaultLimiterStore = (): LimiterStore => (config().REDIS_URL ? limiterRedis() : null);

// The counters and the api_calls meter may lose their last few hundred milliseconds in a database
// crash (the counters are an UNLOGGED table, emptied by crash recovery): no request waits for a
// WAL flush to be counted. Set for this statement's own transaction only.
const NO_FLUSH = sql`set_config('synchronous_commit', 'off', true)`;

const usageCte = (owner: string) => sql`u as (
  insert into usage (owner, period, api_calls) values (${owner}, to_char(now() at time zone 'utc', 'YYYY-MM'), 1)
  on conflict (owner, period) do update set api_calls = usage.api_calls + 1)`;

/** The PostgreSQL store: the counter upsert and, for signed-in callers, the month's api_calls, in one statement. */
async function hitPostgres(db: DbOrTx, bucket: string, usageOwner: string | null): Promise<{ count: number; reset: number }> {
  const rows = await db.execute<{ count: number; reset: string }>(sql`
    with rl as (
      insert into rate_limit_counters (bucket, window_start, count)
      values (${bucket}, date_bin('${sql.raw(String(WINDOW_SECONDS))} seconds', now(), timestamptz '2000-01-01'), 1)
      on conflict (bucket, window_start) do update set count = rate_limit_counters.count + 1
      returning count, window_start)${usageOwner ? sql`, ${usageCte(usageOwner)}` : sql``}
    select count, extract(epoch from window_start)::bigint + ${WINDOW_SECONDS} as reset, ${NO_FLUSH} from rl`);
  if (Math.random() < 0.01) void sweep(db);
  const row = rows[0]!;
  return { count: Number(row.count), reset: Number(row.reset) };
}

/** Signed-in callers' api_calls when the window is counted in Redis (the meter stays in PostgreSQL). */
async function meterApiCall(db: DbOrTx, owner: string): Promise<void> {
  await db.execute(sql`with ${usageCte(owner)} select ${NO_FLUSH}`);
}

/**
 * Fixed one-minute windows in a store every app process shares (Redis or PostgreSQL), one round
 * trip each; a signed-in caller's request also counts in the month's api_calls usage (GET /v1/account).
 */
export async function hitRateLimit(db: DbOrTx, subject: RateSubject, store: LimiterStore = defaultLimiterStore()): Promise<RateLimitState> {
  const limit = limitFor(subject);
  const bucket = subject.kind === "user" ? `user:${subject.userId}` : addressBucket(subject.address);
  const usageOwner = subject.kind === "user" ? subject.usageOwner : null;
  try {
    const { count, reset } = store
      ? (await Promise.all([hitRedisWindow(store, bucket, WINDOW_SECONDS), usageOwner ? meterApiCall(db, usageOwner) : null]))[0]
      : await hitPostgres(db, bucket, usageOwner);
    return { limit, remaining: Math.max(0, limit - count), reset, exceeded: count > limit };
  } catch (err) {
    // Never fail open: without a working limiter nothing is served.
    log.error({ err }, "rate limit check failed");
    throw new AppError("SERVICE_UNAVAILABLE", "The service is temporarily unavailable; please retry shortly.");
  }
}

async function sweep(db: DbOrTx) {
  await db
    .execute(sql`delete from rate_limit_counters where window_start < now() - interval '10 minutes'`)
    .catch(() => undefined);
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(state.limit),
    "X-RateLimit-Remaining": String(state.remaining),
    "X-RateLimit-Reset": String(state.reset),
  };
}

export function rateLimitError(state: RateLimitState): AppError {
  const retryAfter = Math.max(1, state.reset - Math.floor(Date.now() / 1000));
  return new AppError(
    "RATE_LIMIT_EXCEEDED",
    `Rate limit of ${state.limit} requests per minute exceeded; retry in ${retryAfter} s.`,
    { retry_after: retryAfter, limit: state.limit },
    { "Retry-After": String(retryAfter), "X-RateLimit-RetryAfter": String(retryAfter) },
  );
}
