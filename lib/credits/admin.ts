import { findUserByEmail } from "@/lib/accounts/queries";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { URN_PATTERN, userUrn } from "@/lib/urn";
import { applyCredits } from "./service";

/** Resolves an email or an owner URN to the owner URN whose balance an admin task changes. */
export async function resolveOwner(db: DbOrTx, target: string): Promise<string> {
  if (URN_PATTERN.test(target)) return target;
  if (target.includes("@")) {
    const user = await findUserByEmail(db, target.trim());
    if (!user) throw AppError.notFound(`User ${target}`);
    return userUrn(user.id);
  }
  throw AppError.validation([{ path: "target", message: "Give an email address or an owner URN.", value: target }]);
}

/** `just grant-credits`: a ledger row and the balance change, in one transaction. */
export async function grantCredits(db: DbOrTx, target: string, amount: number, actorId?: string) {
  return db.transaction(async (tx) => {
    const owner = await resolveOwner(tx, target);
    const { balance } = await applyCredits(tx, {
      owner,
      delta: amount,
      reason: amount > 0 ? "grant" : "adjustment",
      actorId: actorId ?? null,
      note: "admin grant-credits",
    });
    return { owner, balance };
  });
}
