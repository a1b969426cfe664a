import { sql } from "drizzle-orm";
import { usage } from "@/drizzle/schema";
import { currentPeriod } from "@/lib/accounts/service";
import type { DbOrTx } from "@/lib/db/client";

export interface UsageDelta {
  rendersCount?: number;
  renderSeconds?: number;
  creditsUsed?: number;
  creditsRefunded?: number;
}

/** Adds to the owner's usage row for this month (created on first use). */
export async function bumpUsage(tx: DbOrTx, owner: string, d: UsageDelta): Promise<void> {
  const v = {
    rendersCount: d.rendersCount ?? 0,
    renderSeconds: Math.round(d.renderSeconds ?? 0),
    creditsUsed: d.creditsUsed ?? 0,
    creditsRefunded: d.creditsRefunded ?? 0,
  };
  await tx
    .insert(usage)
    .values({ owner, period: currentPeriod(), ...v })
    .onConflictDoUpdate({
      target: [usage.owner, usage.period],
      set: {
        rendersCount: sql`${usage.rendersCount} + ${v.rendersCount}`,
        renderSeconds: sql`${usage.renderSeconds} + ${v.renderSeconds}`,
        creditsUsed: sql`${usage.creditsUsed} + ${v.creditsUsed}`,
        creditsRefunded: sql`${usage.creditsRefunded} + ${v.creditsRefunded}`,
      },
    });
}
