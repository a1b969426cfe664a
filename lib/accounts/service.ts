import { eq } from "drizzle-orm";
import { users } from "@/drizzle/schema";
import { config } from "@/lib/config";
import type { DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { applyCredits } from "@/lib/credits/service";
import { AppError } from "@/lib/http/errors";
import { userUrn } from "@/lib/urn";
import { findUserById } from "./queries";
import { emailWasDeleted, isDeletedAccountViolation, isDeletedUser } from "./tombstones";
import type { UserRow } from "./schemas";

const DELETED_MESSAGE = "This account was deleted.";

/**
 * T1: just-in-time provisioning on the first authenticated request. Safe when the same new
 * user's first requests arrive in parallel: the insert is ON CONFLICT DO NOTHING and the signup
 * grant is written only by the transaction whose insert won.
 */
export async function provisionUser(db: DbOrTx, claims: { sub: string; email: string }): Promise<UserRow> {
  const existing = await findUserById(db, claims.sub);
  if (existing) {
    if (existing.email === claims.email) return existing;
    const [synced] = await db.update(users).set({ email: claims.email }).where(eq(users.id, claims.sub)).returning();
    return synced ?? existing;
  }
  // A deleted account's token stays valid until it expires: refused, never re-provisioned.
  if (await isDeletedUser(db, claims.sub)) throw AppError.unauthorized(DELETED_MESSAGE);
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(users)
        .values({ id: claims.sub, email: claims.email })
        .onConflictDoNothing({ target: users.id })
        .returning();
      if (!created) return (await findUserById(tx, claims.sub))!;
      const credits = config().SIGNUP_CREDITS;
      // One sign-up grant per email address: a new account for a deleted account's email starts at 0.
      if (credits > 0 && !(await emailWasDeleted(tx, created.email))) {
        await applyCredits(tx, { owner: userUrn(created.id), delta: credits, reason: "grant", note: "signup" });
      }
      return (await findUserById(tx, created.id))!;
    });
  } catch (err) {
    if (isDeletedAccountViolation(err)) throw AppError.unauthorized(DELETED_MESSAGE);
    if (isUniqueViolation(err, "users_email_key")) {
      // ON CONFLICT (id) does not cover the email index: a parallel first request of the same
      // user can trip it while inserting the same row. That user exists now; anyone else is a conflict.
      const winner = await findUserById(db, claims.sub);
      if (winner) return winner;
      throw new AppError("CONFLICT", "Another account already uses this email address.");
    }
    throw err;
  }
}

export async function updateAccount(
  db: DbOrTx,
  user: UserRow,
  input: { name?: string | null; avatar_url?: string | null },
): Promise<UserRow> {
  const patch: Partial<typeof users.$inferInsert> = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.avatar_url !== undefined) patch.avatarUrl = input.avatar_url;
  if (Object.keys(patch).length === 0) return user;
  const [row] = await db.update(users).set(patch).where(eq(users.id, user.id)).returning();
  if (!row) throw AppError.notFound("Account");
  return row;
}

export { deleteAccount } from "./delete";

export function currentPeriod(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

