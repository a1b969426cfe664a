import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { deletedAccounts } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";

/** SHA-256 of the lower-cased email: enough to recognise the address, without keeping it. */
export const emailHash = (email: string) => createHash("sha256").update(email.trim().toLowerCase()).digest("hex");

export async function recordTombstone(tx: DbOrTx, user: { id: string; email: string }): Promise<void> {
  await tx.insert(deletedAccounts).values({ userId: user.id, emailHash: emailHash(user.email) });
}

export async function isDeletedUser(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db.select({ id: deletedAccounts.userId }).from(deletedAccounts).where(eq(deletedAccounts.userId, userId));
  return !!row;
}

/** Whether an account with this email was deleted before (a new sign-up then gets no sign-up grant). */
export async function emailWasDeleted(db: DbOrTx, email: string): Promise<boolean> {
  const [row] = await db.select({ id: deletedAccounts.userId }).from(deletedAccounts).where(eq(deletedAccounts.emailHash, emailHash(email))).limit(1);
  return !!row;
}

/** The database's last line (trigger `users_not_deleted`) refused re-creating a deleted account. */
export function isDeletedAccountViolation(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 3 && e && typeof e === "object"; i++) {
    if ((e as { constraint_name?: string }).constraint_name === "users_not_deleted") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
