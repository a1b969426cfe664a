import { eq } from "drizzle-orm";
import { memberships } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";
import { membershipUrn, parseUrn, teamUrn, userUrn } from "./index";

export type Role = "owner" | "admin" | "member" | "viewer";

export async function userMemberships(db: DbOrTx, userId: string) {
  return db
    .select({ teamId: memberships.teamId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, userId));
}

/** The user's personal URN plus, for each membership, the team URN and their membership URN. */
export async function accessibleUrns(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await userMemberships(db, userId);
  return [userUrn(userId), ...rows.flatMap((m) => [teamUrn(m.teamId), membershipUrn(m.teamId, userId)])];
}

/**
 * Whether `userId` (of the given tier) may use `owner` to create jobs, assets or keys, and with
 * which team role. Personal: only that user. Team / membership: creators with a membership
 * (the membership URN only for the user it names). Starters: only their personal URN.
 */
export async function ownerAccess(
  db: DbOrTx,
  user: { id: string; tier: "starter" | "creator" },
  owner: string,
): Promise<{ ok: true; teamId: string | null; role: Role | null } | { ok: false; reason: string }> {
  const urn = parseUrn(owner);
  if (!urn) return { ok: false, reason: "Not a valid owner URN." };
  if (urn.kind === "user") {
    return urn.userId === user.id
      ? { ok: true, teamId: null, role: null }
      : { ok: false, reason: "You may only use your own personal URN." };
  }
  if (user.tier !== "creator") return { ok: false, reason: "Team-owned resources need a creator account." };
  if (urn.kind === "membership" && urn.userId !== user.id) {
    return { ok: false, reason: "A membership URN may only be used by the member it names." };
  }
  const rows = await userMemberships(db, user.id);
  const m = rows.find((r) => r.teamId === urn.teamId);
  if (!m) return { ok: false, reason: "You are not a member of that team." };
  return { ok: true, teamId: urn.teamId, role: m.role };
}
