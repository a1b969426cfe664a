import { eq, sql } from "drizzle-orm";
import { creditLedger, LEDGER_KINDS, teams, users } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { parseUrn, type Urn } from "@/lib/urn";

export type LedgerReason = "grant" | "job_charge" | "job_refund" | "adjustment";
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** What the owner reads in its history; a transfer row has no reason, only its transfer. */
export function ledgerKind(reason: LedgerReason | "transfer", delta: number, note?: string): LedgerKind {
  if (reason === "transfer") return delta > 0 ? "transfer_in" : "transfer_out";
  if (reason === "job_charge") return "charge";
  if (reason === "job_refund") return "refund";
  return reason === "grant" && note === "signup" ? "signup" : "grant";
}

/**
 * Moves `delta` credits for `owner` and records the ledger row, in the caller's transaction.
 * Membership URNs draw on their team's balance. The balance never goes negative.
 */
export async function applyCredits(
  tx: DbOrTx,
  input: {
    owner: string;
    delta: number;
    reason: LedgerReason | "transfer";
    jobId?: string | null;
    transferId?: string | null;
    actorId?: string | null;
    note?: string;
  },
): Promise<{ balance: number }> {
  const urn = parseUrn(input.owner);
  if (!urn) throw AppError.validation([{ path: "owner", message: "Not a valid owner URN.", value: input.owner }]);
  if (!Number.isInteger(input.delta) || input.delta === 0) {
    throw AppError.validation([{ path: "delta", message: "Must be a non-zero integer.", value: input.delta }]);
  }
  const updated =
    urn.kind === "user"
      ? await tx
          .update(users)
          .set({ credits: sql`${users.credits} + ${input.delta}` })
          .where(sql`${users.id} = ${urn.userId} and ${users.credits} + ${input.delta} >= 0`)
          .returning({ balance: users.credits })
      : await tx
          .update(teams)
          .set({ credits: sql`${teams.credits} + ${input.delta}` })
          .where(sql`${teams.id} = ${urn.teamId} and ${teams.credits} + ${input.delta} >= 0`)
          .returning({ balance: teams.credits });
  if (updated.length === 0) {
    const exists =
      urn.kind === "user"
        ? await tx.select({ id: users.id }).from(users).where(eq(users.id, urn.userId))
        : await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, urn.teamId));
    if (exists.length === 0) throw AppError.notFound("Owner");
    throw new AppError("INSUFFICIENT_CREDITS", "Not enough credits.", { required: -input.delta });
  }
  const balance = updated[0]!.balance;
  await tx.insert(creditLedger).values({
    owner: input.owner,
    delta: input.delta,
    reason: input.reason === "transfer" ? null : input.reason,
    kind: ledgerKind(input.reason, input.delta, input.note),
    balanceAfter: balance,
    transferId: input.transferId ?? null,
    jobId: input.jobId ?? null,
    actorId: input.actorId ?? null,
    note: input.note ?? null,
  });
  return { balance };
}

/** The credit source's balance (users.credits or the team's); `lock` holds the row until commit. */
export async function creditBalance(db: DbOrTx, urn: Urn, opts: { lock?: boolean } = {}): Promise<number> {
  const q =
    urn.kind === "user"
      ? db.select({ credits: users.credits }).from(users).where(eq(users.id, urn.userId))
      : db.select({ credits: teams.credits }).from(teams).where(eq(teams.id, urn.teamId));
  const [row] = opts.lock ? await q.for("update") : await q;
  if (!row) throw AppError.notFound("Owner");
  return row.credits;
}
