import { and, desc, eq, or, sql, type SQL } from "drizzle-orm";
import { creditLedger } from "@/drizzle/schema";
import type { Principal } from "@/lib/auth/principal";
import type { DbOrTx } from "@/lib/db/client";
import { afterCursor, decodeCursor, page } from "@/lib/http/pagination";
import { teamUrn, type Urn } from "@/lib/urn";
import { defaultLedgerOwner, reachableHolder } from "./access";
import type { LedgerEntry, LedgerPage } from "./schemas";

type LedgerRow = typeof creditLedger.$inferSelect;

/** The rows that move a holder's balance: a team's own URN and every membership URN inside it. */
export function holderRows(urn: Urn): SQL {
  if (urn.kind === "user") return eq(creditLedger.owner, `framecast:user:usr_${urn.userId}`);
  return or(eq(creditLedger.owner, teamUrn(urn.teamId)), sql`starts_with(${creditLedger.owner}, ${`framecast:tm_${urn.teamId}:usr_`})`)!;
}

export function toLedgerEntry(r: LedgerRow): LedgerEntry {
  return {
    id: r.id,
    owner: r.owner,
    amount: r.delta,
    kind: r.kind,
    job_id: r.jobId,
    transfer_id: r.transferId,
    balance_after: r.balanceAfter,
    created_at: r.createdAt.toISOString(),
  };
}

/** GET /v1/credits/ledger: a holder's history, newest first (keyset-paged). */
export async function listLedger(
  db: DbOrTx,
  principal: Principal,
  query: { owner?: string; limit: number; cursor?: string },
): Promise<LedgerPage> {
  const cursor = decodeCursor(query.cursor);
  const urn = await reachableHolder(db, principal, query.owner ?? defaultLedgerOwner(principal));
  const rows = await db
    .select()
    .from(creditLedger)
    .where(and(holderRows(urn), afterCursor(cursor, creditLedger.createdAt, creditLedger.id)))
    .orderBy(desc(creditLedger.createdAt), desc(creditLedger.id))
    .limit(query.limit + 1);
  return page(rows, query.limit, toLedgerEntry);
}
