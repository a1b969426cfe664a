import { and, count, eq, inArray, sql } from "drizzle-orm";
import { assetFiles, jobs, memberships, teams, users } from "@/drizzle/schema";
import { applyCredits } from "@/lib/credits/service";
import type { Db, DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { log } from "@/lib/log";
import { adjustStorage } from "@/lib/storage/counters";
import { STAGING_PREFIX } from "@/lib/assets/objects";
import { deletePrefix } from "@/lib/storage/prefix";
import { buckets } from "@/lib/storage/s3";
import { removeTeam, removeTeamFiles } from "@/lib/teams/service";
import { membershipUrn, teamUrn, userUrn } from "@/lib/urn";
import { deleteAuthUser } from "./auth-admin";
import type { UserRow } from "./schemas";
import { recordTombstone } from "./tombstones";

type TeamOfUser = {
  team_id: string;
  role: string;
  members: number;
  owners: number;
};

/** The user's teams with their member and owner counts, memberships locked. */
async function teamsOf(tx: DbOrTx, userId: string): Promise<TeamOfUser[]> {
  return tx.execute<TeamOfUser>(sql`
    select m.team_id, m.role,
      (select count(*)::int from ${memberships} x where x.team_id = m.team_id) as members,
      (select count(*)::int from ${memberships} x where x.team_id = m.team_id and x.role = 'owner') as owners
    from ${memberships} m where m.user_id = ${userId}
    for update of m`);
}

function assertNoSoleOwnership(teamsOfUser: TeamOfUser[]) {
  const blocking = teamsOfUser.filter((t) => t.role === "owner" && t.owners === 1 && t.members > 1);
  if (blocking.length === 0) return;
  throw new AppError(
    "CONFLICT",
    "You are the only owner of a team that has other members: make another member an owner, or remove them, before deleting your account.",
    { team_ids: blocking.map((t) => t.team_id) },
  );
}

async function assertNoActiveJobs(tx: DbOrTx, owners: string[]) {
  const [row] = await tx.select({ n: count() }).from(jobs).where(and(inArray(jobs.owner, owners), inArray(jobs.status, ["queued", "processing"])));
  if ((row?.n ?? 0) > 0) throw new AppError("INVALID_STATE", "You have renders in progress: wait for them or cancel them before deleting your account.");
}

/** Closes a balance that is about to lose its holder: the ledger of every owner keeps summing to its balance (0). */
async function closeBalance(tx: DbOrTx, owner: string, balance: number, actorId: string) {
  if (balance > 0) await applyCredits(tx, { owner, delta: -balance, reason: "adjustment", actorId, note: "account deleted" });
}

/** The user's private work inside a team that stays: rows deleted, the team's storage counter lowered. */
async function removeMembershipWork(tx: DbOrTx, teamId: string, userId: string) {
  const owner = membershipUrn(teamId, userId);
  const [bytes] = await tx.execute<{ n: number }>(sql`
    select (coalesce((select sum(size_bytes) from ${assetFiles} where owner = ${owner} and status = 'ready'), 0)
          + coalesce((select sum(output_size_bytes) from ${jobs} where owner = ${owner} and status = 'completed'), 0))::bigint as n`);
  await adjustStorage(tx, teamUrn(teamId), -Number(bytes?.n ?? 0));
  await tx.delete(jobs).where(eq(jobs.owner, owner));
  await tx.delete(assetFiles).where(eq(assetFiles.owner, owner));
}

/** Storage prefixes of the deleted work; removed after commit (a failure leaves orphans, logged). */
async function removeFiles(userId: string, sharedTeams: string[], soloTeams: string[]) {
  const b = buckets();
  const prefixes = [`user/${userId}/`, ...sharedTeams.map((t) => `team/${t}/${userId}/`)];
  await Promise.all(prefixes.flatMap((p) => [deletePrefix(b.outputs, p), deletePrefix(b.assets, p), deletePrefix(b.assets, `${STAGING_PREFIX}${p}`)])).catch((err: unknown) =>
    log.error({ err, user_id: userId }, "deleting a deleted account's files failed"),
  );
  await Promise.all(soloTeams.map((t) => removeTeamFiles(t)));
}

/**
 * DELETE /v1/account. In one transaction: refused (409) while the user is the only owner of a team
 * with other members or has renders in progress; teams where the user is the only member go with
 * the account; the user's personal and membership-URN jobs and assets are deleted (team storage
 * counters lowered); each balance that loses its holder gets a closing `adjustment` ledger row; a
 * tombstone is recorded; the user row goes (API keys and memberships cascade). The Supabase auth user
 * is deleted last inside the transaction, so a failure there rolls everything back. Stored files
 * are deleted after commit.
 */
export async function deleteAccount(db: Db, user: UserRow): Promise<void> {
  const { shared, solo } = await db.transaction(async (tx) => {
    const [me] = await tx.select().from(users).where(eq(users.id, user.id)).for("update");
    if (!me) throw AppError.unauthorized("This account was deleted.");
    const teamsOfUser = await teamsOf(tx, me.id);
    assertNoSoleOwnership(teamsOfUser);
    const solo = teamsOfUser.filter((t) => t.members === 1).map((t) => t.team_id);
    const shared = teamsOfUser.filter((t) => t.members > 1).map((t) => t.team_id);
    await assertNoActiveJobs(tx, [userUrn(me.id), ...shared.map((t) => membershipUrn(t, me.id))]);
    for (const teamId of solo) {
      const [team] = await tx.select({ credits: teams.credits }).from(teams).where(eq(teams.id, teamId)).for("update");
      await closeBalance(tx, teamUrn(teamId), team?.credits ?? 0, me.id);
      await removeTeam(tx, teamId);
    }
    for (const teamId of shared) await removeMembershipWork(tx, teamId, me.id);
    await tx.delete(jobs).where(eq(jobs.owner, userUrn(me.id)));
    await tx.delete(assetFiles).where(eq(assetFiles.owner, userUrn(me.id)));
    await closeBalance(tx, userUrn(me.id), me.credits, me.id);
    await recordTombstone(tx, me);
    await tx.delete(users).where(eq(users.id, me.id));
    await deleteAuthUser(me.id);
    return { shared, solo };
  });
  await removeFiles(user.id, shared, solo);
}
