import type { Principal } from "@/lib/auth/principal";
import { config } from "@/lib/config";
import type { DbOrTx } from "@/lib/db/client";
import { userUrn } from "@/lib/urn";
import { clientAddress } from "./client-ip";
import { hitRateLimit, rateLimitError, type RateLimitState, type RateSubject } from "./rate-limit";

/** Signed-in callers count per user (and their usage owner); everyone else per client address. */
export function rateSubject(principal: Principal | null, headers: Headers): RateSubject {
  if (!principal) return { kind: "ip", address: clientAddress(headers, config().TRUST_PROXY) };
  const usageOwner = principal.apiKey?.owner ?? userUrn(principal.user.id);
  return { kind: "user", userId: principal.user.id, tier: principal.user.tier, usageOwner };
}

/** Counts one request; over the limit → 429 (thrown), the limiter down → 503 (thrown). */
export async function meterRequest(db: DbOrTx, principal: Principal | null, headers: Headers, onState: (s: RateLimitState) => void) {
  const state = await hitRateLimit(db, rateSubject(principal, headers));
  onState(state);
  if (state.exceeded) throw rateLimitError(state);
}
