import { and, eq, inArray, sql } from "drizzle-orm";
import { assetFiles, jobs, memberships, teams, usage, users } from "@/drizzle/schema";
import { config } from "@/lib/config";
import type { DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { applyCredits } from "@/lib/credits/service";
import { AppError } from "@/lib/http/errors";
import { accessibleUrns } from "@/lib/urn/access";
import { userUrn } from "@/lib/urn";
import { findUserById } from "./queries";
import type { UserRow } from "./schemas";

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
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(users)
        .values({ id: claims.sub, email: claims.email })
        .onConflictDoNothing({ target: users.id })
        .returning();
      if (!created) return (await findUserById(tx, claims.sub))!;
      const credits = config().SIGNUP_CREDITS;
      if (credits > 0) {
        await applyCredits(tx, { owner: userUrn(created.id), delta: credits, reason: "grant", note: "signup" });
      }
      return (await findUserById(tx, created.id))!;
    });
  } catch (err) {
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

/**
 * Deletes the account with its personal work. Refused while the user is the sole owner of a
 * team that has other members; teams where the user is the only member go with the account.
 */
export async function deleteAccount(db: DbOrTx, user: UserRow): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select id from ${users} where id = ${user.id} for update`);
    const teamsOfUser = await tx.execute<{ team_id: string; role: string; members: number; owners: number }>(sql`
      select m.team_id, m.role,
        (select count(*)::int from ${memberships} x where x.team_id = m.team_id) as members,
        (select count(*)::int from ${memberships} x where x.team_id = m.team_id and x.role = 'owner') as owners
      from ${memberships} m where m.user_id = ${user.id}
      for update of m`);
    const blocking = teamsOfUser.filter((t) => t.role === "owner" && t.owners === 1 && t.members > 1);
    if (blocking.length > 0) {
      throw new AppError(
        "CONFLICT",
        "You are the only owner of a team that has other members: transfer ownership or remove them first.",
        { team_ids: blocking.map((t) => t.team_id) },
      );
    }
    const soloTeams = teamsOfUser.filter((t) => t.members === 1).map((t) => t.team_id);
    if (soloTeams.length) await tx.delete(teams).where(inArray(teams.id, soloTeams));
    const privateUrns = [userUrn(user.id), ...teamsOfUser.map((t) => `framecast:tm_${t.team_id}:usr_${user.id}`)];
    await tx.delete(jobs).where(inArray(jobs.owner, privateUrns));
    await tx.delete(assetFiles).where(inArray(assetFiles.owner, privateUrns));
    await tx.delete(users).where(eq(users.id, user.id));
  });
}

export function currentPeriod(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

/** Usage for the period, one entry per accessible owner URN (zeros where nothing happened). */
export async function accountUsage(db: DbOrTx, user: UserRow, period = currentPeriod()) {
  const owners = await accessibleUrns(db, user.id);
  const rows = await db.select().from(usage).where(and(eq(usage.period, period), inArray(usage.owner, owners)));
  const byOwner = new Map(rows.map((r) => [r.owner, r]));
  const data = owners.map((owner) => {
    const r = byOwner.get(owner);
    const used = r?.creditsUsed ?? 0;
    const refunded = r?.creditsRefunded ?? 0;
    return {
      owner,
      period,
      renders_count: r?.rendersCount ?? 0,
      render_seconds: r?.renderSeconds ?? 0,
      credits_used: used,
      credits_refunded: refunded,
      net_credits: used - refunded,
      api_calls: r?.apiCalls ?? 0,
    };
  });
  const totals = data.reduce(
    (acc, d) => ({
      renders_count: acc.renders_count + d.renders_count,
      render_seconds: acc.render_seconds + d.render_seconds,
      credits_used: acc.credits_used + d.credits_used,
      credits_refunded: acc.credits_refunded + d.credits_refunded,
      net_credits: acc.net_credits + d.net_credits,
      api_calls: acc.api_calls + d.api_calls,
    }),
    { renders_count: 0, render_seconds: 0, credits_used: 0, credits_refunded: 0, net_credits: 0, api_calls: 0 },
  );
  return { period, data, totals };
}
