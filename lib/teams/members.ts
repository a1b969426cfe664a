/**
 * Team members (spec part 2 §3): list (any role), change role (owner: any change; admin: never to
 * or from owner; nobody changes their own), remove (owner: anyone; admin: not owners; not
 * yourself), leave (anyone; the last owner only as the sole member, and the team goes). Every team
 * keeps an owner (INV-T2, also enforced by the database at commit) and every creator a team (U2).
 */
import { and, asc, count, eq } from "drizzle-orm";
import { memberships, users } from "@/drizzle/schema";
import type { Principal } from "@/lib/auth/principal";
import type { Db, DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { afterCursor, decodeCursor, encodeCursor } from "@/lib/http/pagination";
import { teamForCaller } from "./access";
import { toMembershipResponse, type MembershipRow, type Role } from "./schemas";
import { assertCanJoin, assertNotLastMembership, removeTeam, removeTeamFiles } from "./service";

type MemberRow = { membership: MembershipRow; user: { id: string; email: string; name: string | null; avatarUrl: string | null } };

const toMember = (r: MemberRow) => ({
  ...toMembershipResponse(r.membership),
  user: { id: r.user.id, email: r.user.email, name: r.user.name, avatar_url: r.user.avatarUrl },
});

/** Oldest first (owners usually joined first), keyset over (created_at, id). */
export async function listMembers(db: Db, principal: Principal, teamId: string, q: { limit: number; cursor?: string }) {
  await teamForCaller(db, principal, teamId);
  const cursor = decodeCursor(q.cursor);
  const rows = await db
    .select({ membership: memberships, user: { id: users.id, email: users.email, name: users.name, avatarUrl: users.avatarUrl } })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.teamId, teamId),
        afterCursor(cursor, memberships.createdAt, memberships.id, "asc"),
      ),
    )
    .orderBy(asc(memberships.createdAt), asc(memberships.id))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const slice = more ? rows.slice(0, q.limit) : rows;
  return { data: slice.map(toMember), next_cursor: more ? encodeCursor(slice[slice.length - 1]!.membership) : null };
}

async function targetMembership(tx: DbOrTx, teamId: string, userId: string): Promise<MembershipRow> {
  const [m] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.teamId, teamId), eq(memberships.userId, userId)))
    .for("update");
  if (!m) throw AppError.notFound("Member");
  return m;
}

async function ownerCount(tx: DbOrTx, teamId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(memberships).where(and(eq(memberships.teamId, teamId), eq(memberships.role, "owner")));
  return row?.n ?? 0;
}

export async function changeRole(db: Db, principal: Principal, teamId: string, userId: string, role: Role) {
  return db.transaction(async (tx) => {
    const { membership: me } = await teamForCaller(tx, principal, teamId, ["owner", "admin"], { lock: true });
    if (userId === principal.user.id) throw AppError.forbidden("You can't change your own role; ask another owner.");
    const target = await targetMembership(tx, teamId, userId);
    if (me.role === "admin" && (target.role === "owner" || role === "owner")) {
      throw AppError.forbidden("Admins can't make someone an owner or change an owner's role.");
    }
    if (target.role === role) return toMember({ membership: target, user: await userOf(tx, userId) });
    if (role === "owner") await assertCanJoin(tx, userId, true).catch(rethrowFor("member"));
    if (target.role === "owner" && (await ownerCount(tx, teamId)) <= 1) {
      throw new AppError("INVALID_STATE", "A team needs at least one owner: make someone else owner first.");
    }
    const [updated] = await tx.update(memberships).set({ role }).where(eq(memberships.id, target.id)).returning();
    return toMember({ membership: updated!, user: await userOf(tx, userId) });
  });
}

/** T7 names "you" in its message; for someone else's promotion say whose limit it is. */
const rethrowFor = (who: string) => (err: unknown) => {
  if (err instanceof AppError && err.code === "LIMIT_EXCEEDED") throw new AppError("LIMIT_EXCEEDED", `The ${who} already owns the most teams allowed.`, err.details);
  throw err;
};

async function userOf(tx: DbOrTx, userId: string) {
  const [u] = await tx.select({ id: users.id, email: users.email, name: users.name, avatarUrl: users.avatarUrl }).from(users).where(eq(users.id, userId));
  return u!;
}

export async function removeMember(db: Db, principal: Principal, teamId: string, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { membership: me } = await teamForCaller(tx, principal, teamId, ["owner", "admin"], { lock: true });
    if (userId === principal.user.id) throw AppError.forbidden("You can't remove yourself: leave the team instead.");
    const target = await targetMembership(tx, teamId, userId);
    if (me.role === "admin" && target.role === "owner") throw AppError.forbidden("Admins can't remove an owner.");
    await assertNotLastMembership(tx, userId, "This member");
    await tx.delete(memberships).where(eq(memberships.id, target.id));
  });
}

/** Leaves the team; the last owner may leave only as its sole member, and the team is deleted. */
export async function leaveTeam(db: Db, principal: Principal, teamId: string): Promise<{ team_deleted: boolean }> {
  const deleted = await db.transaction(async (tx) => {
    const { membership: me } = await teamForCaller(tx, principal, teamId, undefined, { lock: true });
    await assertNotLastMembership(tx, principal.user.id, "You");
    if (me.role === "owner" && (await ownerCount(tx, teamId)) <= 1) {
      const [members] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.teamId, teamId));
      if ((members?.n ?? 0) > 1) throw new AppError("INVALID_STATE", "You are the team's only owner: make someone else owner before leaving.");
      await removeTeam(tx, teamId);
      return true;
    }
    await tx.delete(memberships).where(eq(memberships.id, me.id));
    return false;
  });
  if (deleted) await removeTeamFiles(teamId);
  return { team_deleted: deleted };
}

