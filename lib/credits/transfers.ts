import { creditTransfers } from "@/drizzle/schema";
import type { Principal } from "@/lib/auth/principal";
import { requireAccountLevel } from "@/lib/auth/account-guard";
import type { DbOrTx } from "@/lib/db/client";
import { log } from "@/lib/log";
import { formatUrn, type Urn } from "@/lib/urn";
import { reachableHolder } from "./access";
import type { CreateTransferInput, TransferResult } from "./schemas";
import { applyCredits, creditBalance } from "./service";

/**
 * POST /v1/credits/transfers: moves credits between two holders the caller controls, in one
 * transaction. Both holder rows are locked first in URN order, so two transfers in opposite
 * directions never deadlock; the debit fails with 402 when the source cannot cover it.
 */
export async function createTransfer(db: DbOrTx, principal: Principal, input: CreateTransferInput): Promise<TransferResult> {
  requireAccountLevel(principal, "Moving credits");
  const from = await reachableHolder(db, principal, input.from, ["owner", "admin"]);
  const to = await reachableHolder(db, principal, input.to);
  const result = await db.transaction(async (tx) => {
    await lockInOrder(tx, [from, to]);
    const [transfer] = await tx
      .insert(creditTransfers)
      .values({ fromOwner: input.from, toOwner: input.to, amount: input.amount, note: input.note || null, actorId: principal.user.id })
      .returning();
    const row = transfer!;
    const common = { reason: "transfer" as const, transferId: row.id, actorId: principal.user.id, note: row.note ?? undefined };
    const out = await applyCredits(tx, { owner: input.from, delta: -input.amount, ...common });
    const inn = await applyCredits(tx, { owner: input.to, delta: input.amount, ...common });
    return {
      transfer: { id: row.id, from: row.fromOwner, to: row.toOwner, amount: row.amount, note: row.note, created_at: row.createdAt.toISOString() },
      from_balance: out.balance,
      to_balance: inn.balance,
    };
  });
  log.info({ transfer_id: result.transfer.id, from: input.from, to: input.to, amount: input.amount }, "credits transferred");
  return result;
}

async function lockInOrder(tx: DbOrTx, holders: Urn[]) {
  const sorted = [...holders].sort((a, b) => formatUrn(a).localeCompare(formatUrn(b)));
  for (const h of sorted) await creditBalance(tx, h, { lock: true });
}
