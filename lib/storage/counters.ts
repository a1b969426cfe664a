import { eq, sql } from "drizzle-orm";
import { teams, users } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";
import { parseUrn } from "@/lib/urn";

/** Stored bytes charged to the owner's source (user or team); never below zero. */
export async function adjustStorage(tx: DbOrTx, owner: string, deltaBytes: number): Promise<void> {
  if (deltaBytes === 0) return;
  const urn = parseUrn(owner)!;
  if (urn.kind === "user") {
    await tx
      .update(users)
      .set({ ephemeralStorageBytes: sql`greatest(0, ${users.ephemeralStorageBytes} + ${deltaBytes})` })
      .where(eq(users.id, urn.userId));
  } else {
    await tx
      .update(teams)
      .set({ ephemeralStorageBytes: sql`greatest(0, ${teams.ephemeralStorageBytes} + ${deltaBytes})` })
      .where(eq(teams.id, urn.teamId));
  }
}
