import { sql } from "drizzle-orm";
import { config } from "@/lib/config";
import type { DbOrTx } from "@/lib/db/client";
import { log } from "@/lib/log";
import { addressBucket } from "./client-ip";
import { AppError } from "./errors";

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

/**
 * Fixed one-minute windows counted in PostgreSQL, so every app process shares them. One round
 * trip: the counter upsert, and for signed-in callers the month's api_calls usage.
 */
export async function hitRateLimit(db: DbOrTx, subject: RateSubject): Promise<RateLimitState> {
  const limit = limitFor(subject);
  const bucket = subject.kind === "user" ? `user:${subject.userId}` : addressBucket(subject.address);
  try {
    const usageCte =
      subject.kind === "user"
        ? sql`, u as (
            insert into usage (owner, period, api_calls) values (${subject.usageOwner}, to_char(now() at time zone 'utc', 'YYYY-MM'), 1)
            on conflict (owner, period) do update set api_calls = usage.api_calls + 1)`
        : sql``;
    const rows = await db.execute<{ count: number; reset: string }>(sql`
      with rl as (
        insert into rate_limit_counters (bucket, window_start, count)
        values (${bucket}, date_bin('${sql.raw(String(WINDOW_SECONDS))} seconds', now(), timestamptz '2000-01-01'), 1)
        on conflict (bucket, window_start) do update set count = rate_limit_counters.count + 1
        returning count, window_start)${usageCte}
      select count, extract(epoch from window_start)::bigint + ${WINDOW_SECONDS} as reset from rl`);
    const row = rows[0]!;
    if (Math.random() < 0.01) void sweep(db);
    const count = Number(row.count);
    return { limit, remaining: Math.max(0, limit - count), reset: Number(row.reset), exceeded: count > limit };
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
