/**
 * T2 (spec part 1 §1): starter → creator in one transaction — tier and upgraded_at, a team "My Team"
 * (slug my-team-<8 hex>) with the user as owner, and the project "Welcome to Framecast" (draft,
 * WELCOME_SPEC). For a creator it changes nothing and returns the current state (their first team).
 */
import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { memberships, projects, teams, users } from "@/drizzle/schema";
import { requireAccountLevel } from "@/lib/auth/account-guard";
import type { Principal } from "@/lib/auth/principal";
import type { Db, DbOrTx } from "@/lib/db/client";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { insertTeamWithOwner } from "@/lib/teams/service";
import { toMembershipResponse, toTeamResponse } from "@/lib/teams/schemas";
import { toUserResponse } from "./schemas";

export async function upgradeAccount(db: Db, principal: Principal) {
  requireAccountLevel(principal, "Upgrading the account");
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, principal.user.id)).for("update");
    if (user!.tier === "creator") {
      const [first] = await tx
        .select({ team: teams, membership: memberships })
        .from(memberships)
        .innerJoin(teams, eq(teams.id, memberships.teamId))
        .where(eq(memberships.userId, user!.id))
        .orderBy(asc(memberships.createdAt))
        .limit(1);
      return { user: toUserResponse(user!), team: first ? toTeamResponse(first.team, first.membership.role) : null, membership: first ? toMembershipResponse(first.membership) : null };
    }
    const { user: creator, team, membership } = await becomeCreator(tx, user!.id);
    return { user: toUserResponse(creator), team: toTeamResponse(team, "owner"), membership: toMembershipResponse(membership) };
  });
}

/** The T2 effect in the caller's transaction (also T4: accepting an invitation as a starter). */
export async function becomeCreator(tx: DbOrTx, userId: string) {
  // M4: memberships are for creators, so the tier changes first (U2 is checked at commit).
  const [user] = await tx.update(users).set({ tier: "creator", upgradedAt: new Date() }).where(eq(users.id, userId)).returning();
  const { team, membership } = await insertTeamWithOwner(tx, userId, "My Team", `my-team-${randomBytes(4).toString("hex")}`);
  await tx.insert(projects).values({ teamId: team.id, createdBy: userId, name: "Welcome to Framecast", status: "draft", spec: WELCOME_SPEC });
  return { user: user!, team, membership };
}
