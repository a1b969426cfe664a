import { and, eq, inArray } from "drizzle-orm";
import { usage } from "@/drizzle/schema";
import type { Principal } from "@/lib/auth/principal";
import type { DbOrTx } from "@/lib/db/client";
import { currentPeriod } from "./service";
import { visibleOwners } from "@/lib/urn/access";

type UsageRow = typeof usage.$inferSelect;


function entry(owner: string, period: string, r: UsageRow | undefined) {
  const used = r?.creditsUsed ?? 0;
  const refunded = r?.creditsRefunded ?? 0;
  return {
    owner,
    period,
    renders_count: r?.rendersCount ?? 0,
    render_seconds: r?.renderSeconds ?? 0,
    credits_used: used,
    credits_refunded: refunded,
    net_credits: used - refunded,
    api_calls: r?.apiCalls ?? 0,
  };
}

type Entry = ReturnType<typeof entry>;
const TOTAL_FIELDS = ["renders_count", "render_seconds", "credits_used", "credits_refunded", "net_credits", "api_calls"] as const;

function totals(data: Entry[]) {
  return Object.fromEntries(TOTAL_FIELDS.map((f) => [f, data.reduce((sum, d) => sum + d[f], 0)])) as Record<(typeof TOTAL_FIELDS)[number], number>;
}

/**
 * GET /v1/account/usage: one entry per owner the caller may see (zeros where nothing happened), so a
 * team or membership key reports its own team only.
 */
export async function usageForCaller(db: DbOrTx, principal: Principal, period = currentPeriod()) {
  const owners = await visibleOwners(db, principal);
  const rows = owners.length ? await db.select().from(usage).where(and(eq(usage.period, period), inArray(usage.owner, owners))) : [];
  const byOwner = new Map(rows.map((r) => [r.owner, r]));
  const data = owners.map((owner) => entry(owner, period, byOwner.get(owner)));
  return { period, data, totals: totals(data) };
}
