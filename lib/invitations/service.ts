/**
 * Invitations (spec part 1 §1 T3–T5, §3, §5; part 2 §3). Owners and admins invite by email with a
 * role (never owner); the raw token (32 random bytes, base64url) is returned once, with the invite
 * link, and only its SHA-256 is stored. Limits are counted under the team's row lock: ≤ 50
 * actionable invitations (CARD-4) and ≤ 20 created per UTC day. Inviting an email again replaces its
 * earlier unanswered invitation (revoked, a new one created). The invitee (matched by email)
 * accepts — a starter becomes a creator with their own team (T4) — or declines.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, count, desc, eq, gt, gte, isNull, sql } from "drizzle-orm";
import { invitations, memberships, teams, users } from "@/drizzle/schema";
import { becomeCreator } from "@/lib/accounts/upgrade";
import { requireAccountLevel } from "@/lib/auth/account-guard";
import type { Principal } from "@/lib/auth/principal";
import { keyTeamId } from "@/lib/urn/access";
import { config } from "@/lib/config";
import { invitationEmail } from "@/lib/email/invitation";
import { queueEmail } from "@/lib/email/outbox";
import { kickOutbox } from "@/lib/jobs/outbox";
import type { Db, DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { afterCursor, decodeCursor, page } from "@/lib/http/pagination";
import { teamForCaller } from "@/lib/teams/access";
import { toMembershipResponse, toTeamResponse } from "@/lib/teams/schemas";
import { assertCanJoin } from "@/lib/teams/service";
import { stateOf, toInvitationResponse, type InvitationRow } from "./schemas";

export const INVITATION_LIMITS = { actionable: 50, perDay: 20, days: 7 } as const;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

function newToken() {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token), inviteUrl: `${config().APP_URL.replace(/\/+$/, "")}/invite/${token}` };
}

const unanswered = () => and(isNull(invitations.acceptedAt), isNull(invitations.declinedAt), isNull(invitations.revokedAt));
const actionable = () => and(unanswered(), gt(invitations.expiresAt, sql`now()`));

async function assertUnderLimits(tx: DbOrTx, teamId: string) {
  const [open] = await tx.select({ n: count() }).from(invitations).where(and(eq(invitations.teamId, teamId), actionable()));
  if ((open?.n ?? 0) >= INVITATION_LIMITS.actionable) {
    throw new AppError("LIMIT_EXCEEDED", `A team can have at most ${INVITATION_LIMITS.actionable} open invitations.`, { limit: INVITATION_LIMITS.actionable });
  }
  const [today] = await tx
    .select({ n: count() })
    .from(invitations)
    .where(and(eq(invitations.teamId, teamId), gte(invitations.createdAt, sql`date_trunc('day', now() at time zone 'utc') at time zone 'utc'`)));
  if ((today?.n ?? 0) >= INVITATION_LIMITS.perDay) {
    throw new AppError("LIMIT_EXCEEDED", `A team can send at most ${INVITATION_LIMITS.perDay} invitations a day (UTC).`, { limit: INVITATION_LIMITS.perDay });
  }
}

/**
 * Re-inviting replaces: the email's earlier unanswered invitations to the team (open or expired)
 * are revoked, so their links stop working and at most one stays open (a unique index backs this).
 */
async function revokeUnanswered(tx: DbOrTx, teamId: string, email: string) {
  await tx
    .update(invitations)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(invitations.teamId, teamId), eq(invitations.email, email), unanswered()));
}

/** Queues the invitation email in the transaction that creates (or renews) the invitation. */
async function queueInvitationEmail(tx: DbOrTx, principal: Principal, row: InvitationRow, inviteUrl: string) {
  const [team] = await tx.select({ name: teams.name }).from(teams).where(eq(teams.id, row.teamId));
  const [inviter] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, principal.user.id));
  const message = invitationEmail({
    to: row.email,
    teamName: team!.name,
    inviter: inviter ?? { name: null, email: principal.user.email },
    role: row.role as "admin" | "member" | "viewer",
    inviteUrl,
    expiresAt: row.expiresAt,
  });
  await queueEmail(tx, message);
}

export async function invite(db: Db, principal: Principal, teamId: string, input: { email: string; role: "admin" | "member" | "viewer" }) {
  const created = await db.transaction(async (tx) => {
    await teamForCaller(tx, principal, teamId, ["owner", "admin"], { lock: true });
    if (input.email === principal.user.email.toLowerCase()) throw AppError.validation([{ path: "email", message: "You can't invite yourself." }]);
    const [member] = await tx
      .select({ id: users.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.teamId, teamId), sql`lower(${users.email}) = ${input.email}`));
    if (member) throw new AppError("CONFLICT", `${input.email} is already a member of this team.`);
    await revokeUnanswered(tx, teamId, input.email);
    await assertUnderLimits(tx, teamId);
    const t = newToken();
    const [row] = await tx.insert(invitations).values({ teamId, invitedBy: principal.user.id, email: input.email, role: input.role, tokenHash: t.tokenHash }).returning();
    await queueInvitationEmail(tx, principal, row!, t.inviteUrl);
    return { invitation: toInvitationResponse(row!), token: t.token, invite_url: t.inviteUrl };
  });
  kickOutbox();
  return created;
}

export async function listTeamInvitations(db: Db, principal: Principal, teamId: string, q: { limit: number; cursor?: string }) {
  await teamForCaller(db, principal, teamId, ["owner", "admin"]);
  const cursor = decodeCursor(q.cursor);
  const rows = await db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.teamId, teamId),
        afterCursor(cursor, invitations.createdAt, invitations.id),
      ),
    )
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(q.limit + 1);
  return page(rows, q.limit, (r) => toInvitationResponse(r));
}

async function teamInvitation(tx: DbOrTx, teamId: string, invId: string): Promise<InvitationRow> {
  const [row] = await tx.select().from(invitations).where(and(eq(invitations.id, invId), eq(invitations.teamId, teamId))).for("update");
  if (!row) throw AppError.notFound("Invitation");
  return row;
}

export async function revokeInvitation(db: Db, principal: Principal, teamId: string, invId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await teamForCaller(tx, principal, teamId, ["owner", "admin"]);
    const row = await teamInvitation(tx, teamId, invId);
    const state = stateOf(row);
    if (state !== "pending" && state !== "expired") throw new AppError("INVALID_STATE", `The invitation is already ${state}.`);
    await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, invId));
  });
}

/** A fresh 7-day expiry and a new token (the old link stops working). */
export async function resendInvitation(db: Db, principal: Principal, teamId: string, invId: string) {
  const renewed = await db.transaction(async (tx) => {
    await teamForCaller(tx, principal, teamId, ["owner", "admin"], { lock: true });
    const row = await teamInvitation(tx, teamId, invId);
    const state = stateOf(row);
    if (state !== "pending" && state !== "expired") throw new AppError("INVALID_STATE", `The invitation is ${state}; invite again instead.`);
    const t = newToken();
    const [updated] = await tx
      .update(invitations)
      .set({ tokenHash: t.tokenHash, expiresAt: sql`now() + make_interval(days => ${INVITATION_LIMITS.days})` })
      .where(eq(invitations.id, invId))
      .returning();
    await queueInvitationEmail(tx, principal, updated!, t.inviteUrl);
    return { invitation: toInvitationResponse(updated!), token: t.token, invite_url: t.inviteUrl };
  });
  kickOutbox();
  return renewed;
}

/**
 * What the invite page shows before anyone answers: the team, who invited, the role, whether the
 * invitation is still open and for which email. Null for an unknown (or replaced) link.
 */
export async function invitationPreview(db: DbOrTx, token: string) {
  const [row] = await db
    .select({ invitation: invitations, team: { id: teams.id, name: teams.name }, inviter: { email: users.email, name: users.name } })
    .from(invitations)
    .innerJoin(teams, eq(teams.id, invitations.teamId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!row) return null;
  const i = row.invitation;
  return {
    team: row.team,
    inviter: row.inviter?.email ? { name: row.inviter.name, email: row.inviter.email } : null,
    role: i.role as "admin" | "member" | "viewer",
    email: i.email,
    status: stateOf(i),
    expiresAt: i.expiresAt.toISOString(),
  };
}
export type InvitationPreview = NonNullable<Awaited<ReturnType<typeof invitationPreview>>>;

export async function myInvitations(db: Db, principal: Principal) {
  const keyTeam = keyTeamId(principal);
  const rows = await db
    .select({ invitation: invitations, team: { id: teams.id, name: teams.name, slug: teams.slug } })
    .from(invitations)
    .innerJoin(teams, eq(teams.id, invitations.teamId))
    .where(and(eq(invitations.email, principal.user.email.toLowerCase()), actionable(), keyTeam ? eq(invitations.teamId, keyTeam) : undefined))
    .orderBy(desc(invitations.createdAt));
  return { data: rows.map((r) => toInvitationResponse(r.invitation, r.team)), next_cursor: null };
}

/** The caller's invitation by id or token, locked; someone else's is 404 (by id) or 403 (by token: the link was shared). */
async function invitationForInvitee(tx: DbOrTx, principal: Principal, by: { id: string } | { token: string }): Promise<InvitationRow> {
  const where = "id" in by ? eq(invitations.id, by.id) : eq(invitations.tokenHash, hashToken(by.token));
  const [row] = await tx.select().from(invitations).where(where).for("update");
  const mine = row && row.email === principal.user.email.toLowerCase();
  if (!row || (!mine && "id" in by)) throw AppError.notFound("Invitation");
  if (!mine) throw AppError.forbidden(`This invitation is for another email address; sign in as the invited person.`);
  return row;
}

function assertPending(row: InvitationRow) {
  const state = stateOf(row);
  if (state !== "pending") throw new AppError("INVALID_STATE", state === "expired" ? "The invitation has expired: ask for a new one." : `The invitation is already ${state}.`, { status: state });
}

export async function acceptInvitation(db: Db, principal: Principal, by: { id: string } | { token: string }) {
  requireAccountLevel(principal, "Accepting an invitation");
  return db.transaction(async (tx) => {
    const row = await invitationForInvitee(tx, principal, by);
    assertPending(row);
    const [already] = await tx.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.teamId, row.teamId), eq(memberships.userId, principal.user.id)));
    if (already) throw new AppError("CONFLICT", "You are already a member of this team.");
    const [user] = await tx.select({ tier: users.tier }).from(users).where(eq(users.id, principal.user.id)).for("update");
    if (user!.tier === "starter") await becomeCreator(tx, principal.user.id); // T4
    await assertCanJoin(tx, principal.user.id, false); // T8
    const [membership] = await tx.insert(memberships).values({ teamId: row.teamId, userId: principal.user.id, role: row.role }).returning();
    const [updated] = await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, row.id)).returning();
    const [team] = await tx.select().from(teams).where(eq(teams.id, row.teamId));
    return { invitation: toInvitationResponse(updated!), team: toTeamResponse(team!, membership!.role), membership: toMembershipResponse(membership!) };
  });
}

export async function declineInvitation(db: Db, principal: Principal, by: { id: string } | { token: string }) {
  requireAccountLevel(principal, "Declining an invitation");
  return db.transaction(async (tx) => {
    const row = await invitationForInvitee(tx, principal, by);
    assertPending(row);
    const [updated] = await tx.update(invitations).set({ declinedAt: new Date() }).where(eq(invitations.id, row.id)).returning();
    return toInvitationResponse(updated!);
  });
}
