/**
 * Teams (spec part 2 §3, part 1 §3): create (T7 ≤ 10 owned, T8 ≤ 50 memberships, counted under the
 * user's row lock), list with my role, get, update (owner/admin), delete (owner, sole member, no
 * active jobs). The slug is generated from the name unless given, and never changes.
 */
import { randomBytes } from "node:crypto";
import { and, count, eq, inArray, like, or, sql } from "drizzle-orm";
import { assetFiles, jobs, memberships, teams, users } from "@/drizzle/schema";
import { requireAccountLevel } from "@/lib/auth/account-guard";
import type { Principal } from "@/lib/auth/principal";
import type { Db, DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { log } from "@/lib/log";
import { STAGING_PREFIX } from "@/lib/assets/objects";
import { deletePrefix } from "@/lib/storage/prefix";
import { buckets } from "@/lib/storage/s3";
import { teamUrn } from "@/lib/urn";
import { keyTeamId } from "@/lib/urn/access";
import { teamForCaller } from "./access";
import { afterNameCursor, decodeNameCursor, encodeNameCursor, nameOrder } from "./name-cursor";
import { toMembershipResponse, toTeamResponse, type MembershipRow, type Role, type TeamRow } from "./schemas";

export const TEAM_LIMITS = { owned: 10, memberships: 50 } as const;

export function slugFor(name: string): string {
  const base =
    name
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 41)
      .replace(/-+$/, "") || "team";
  return `${base}-${randomBytes(4).toString("hex")}`;
}

/** T7/T8 for `userId`, counted under the user's row lock (concurrent joins wait their turn). */
export async function assertCanJoin(tx: DbOrTx, userId: string, asOwner: boolean): Promise<void> {
  await tx.execute(sql`select 1 from ${users} where id = ${userId} for update`);
  const [row] = await tx
    .select({ total: count(), owned: sql<number>`count(*) filter (where ${memberships.role} = 'owner')::int` })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  if ((row?.total ?? 0) >= TEAM_LIMITS.memberships) {
    throw new AppError("LIMIT_EXCEEDED", `A user can be in at most ${TEAM_LIMITS.memberships} teams.`, { limit: TEAM_LIMITS.memberships });
  }
  if (asOwner && (row?.owned ?? 0) >= TEAM_LIMITS.owned) {
    throw new AppError("LIMIT_EXCEEDED", `A user can own at most ${TEAM_LIMITS.owned} teams.`, { limit: TEAM_LIMITS.owned });
  }
}

/** A new team with `userId` as its owner, in the caller's transaction. */
export async function insertTeamWithOwner(tx: DbOrTx, userId: string, name: string, slug?: string): Promise<{ team: TeamRow; membership: MembershipRow }> {
  await assertCanJoin(tx, userId, true);
  const finalSlug = slug ?? slugFor(name);
  const [taken] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.slug, finalSlug));
  if (taken) throw new AppError("CONFLICT", `The slug "${finalSlug}" is taken.`, { field: "slug" });
  const [team] = await tx.insert(teams).values({ name, slug: finalSlug }).returning();
  const [membership] = await tx.insert(memberships).values({ teamId: team!.id, userId, role: "owner" }).returning();
  return { team: team!, membership: membership! };
}

export async function createTeam(db: Db, principal: Principal, input: { name: string; slug?: string }) {
  requireAccountLevel(principal, "Creating a team");
  const { team, membership } = await db.transaction((tx) => insertTeamWithOwner(tx, principal.user.id, input.name, input.slug));
  return { team: toTeamResponse(team, "owner"), membership: toMembershipResponse(membership) };
}

/** The caller's teams with their role, by name (case-insensitive, then id). */
export async function listTeams(db: Db, principal: Principal, q: { limit: number; cursor?: string }) {
  const keyTeam = keyTeamId(principal);
  const cursor = decodeNameCursor(q.cursor);
  const rows = await db
    .select({ team: teams, role: memberships.role, sortName: nameOrder[0] })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(
      and(
        eq(memberships.userId, principal.user.id),
        keyTeam ? eq(teams.id, keyTeam) : undefined,
        afterNameCursor(cursor),
      ),
    )
    .orderBy(...nameOrder)
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const slice = more ? rows.slice(0, q.limit) : rows;
  return {
    data: slice.map((r) => toTeamResponse(r.team, r.role as Role)),
    next_cursor: more ? encodeNameCursor(slice[slice.length - 1]!) : null,
  };
}

export async function getTeam(db: Db, principal: Principal, teamId: string) {
  const { team, membership } = await teamForCaller(db, principal, teamId);
  return toTeamResponse(team, membership.role);
}

export async function updateTeam(db: Db, principal: Principal, teamId: string, patch: { name?: string; settings?: Record<string, unknown> }) {
  return db.transaction(async (tx) => {
    const { membership } = await teamForCaller(tx, principal, teamId, ["owner", "admin"], { lock: true });
    if (patch.name === undefined && patch.settings === undefined) throw AppError.validation([{ path: "body", message: "Nothing to change: give name or settings." }]);
    const [team] = await tx
      .update(teams)
      .set({ ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.settings !== undefined ? { settings: patch.settings } : {}) })
      .where(eq(teams.id, teamId))
      .returning();
    return toTeamResponse(team!, membership.role);
  });
}

/** Owner URNs that belong to the team: its team URN and every membership URN. */
const teamOwnerFilter = (table: typeof jobs | typeof assetFiles, teamId: string) =>
  or(eq(table.owner, teamUrn(teamId)), like(table.owner, `framecast:tm_${teamId}:%`));

/** U2: a creator keeps at least one membership. */
async function assertNotLastMembership(tx: DbOrTx, userId: string, who: "You" | "This member") {
  const [row] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.userId, userId));
  if ((row?.n ?? 0) <= 1) {
    throw new AppError("INVALID_STATE", `${who === "You" ? "This is your only team" : "This is the member's only team"}: a creator always belongs to at least one team.`);
  }
}

/** Deletes the team (memberships and projects cascade) with its jobs, assets and stored files; refuses while jobs run. */
export async function removeTeam(tx: DbOrTx, teamId: string): Promise<void> {
  const [active] = await tx
    .select({ n: count() })
    .from(jobs)
    .where(and(teamOwnerFilter(jobs, teamId), inArray(jobs.status, ["queued", "processing"])));
  if ((active?.n ?? 0) > 0) throw new AppError("INVALID_STATE", "The team has renders in progress: wait for them or cancel them first.");
  await tx.delete(jobs).where(teamOwnerFilter(jobs, teamId));
  await tx.delete(assetFiles).where(teamOwnerFilter(assetFiles, teamId));
  await tx.delete(teams).where(eq(teams.id, teamId));
}

/** The team's stored files, after the rows are gone (a failure leaves orphans, logged, never blocks). */
export async function removeTeamFiles(teamId: string): Promise<void> {
  const b = buckets();
  const prefix = `team/${teamId}/`;
  await Promise.all([deletePrefix(b.outputs, prefix), deletePrefix(b.assets, prefix), deletePrefix(b.assets, `${STAGING_PREFIX}${prefix}`)]).catch((err: unknown) =>
    log.error({ err, teamId }, "deleting a deleted team's files failed"),
  );
}

export async function deleteTeam(db: Db, principal: Principal, teamId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await teamForCaller(tx, principal, teamId, ["owner"], { lock: true });
    const [members] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.teamId, teamId));
    if ((members?.n ?? 0) > 1) throw new AppError("INVALID_STATE", "Remove the other members before deleting the team.");
    await assertNotLastMembership(tx, principal.user.id, "You");
    await removeTeam(tx, teamId);
  });
  await removeTeamFiles(teamId);
}

export { assertNotLastMembership };
