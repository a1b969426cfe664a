import { and, eq } from "drizzle-orm";
import { memberships, teams } from "@/drizzle/schema";
import type { Principal } from "@/lib/auth/principal";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { keyTeamId } from "@/lib/urn/access";
import type { MembershipRow, Role, TeamRow } from "./schemas";

/**
 * The team and the caller's membership, if the caller may see the team (a member, and a team key
 * only for its own team); otherwise 404, never revealing that the team exists. With `roles`, a
 * member whose role is not listed gets 403 saying what is needed.
 */
export async function teamForCaller(
  db: DbOrTx,
  principal: Principal,
  teamId: string,
  roles?: readonly Role[],
  opts: { lock?: boolean; notFound?: string } = {},
): Promise<{ team: TeamRow; membership: MembershipRow }> {
  const notFound = () => AppError.notFound(opts.notFound ?? "Team");
  const keyTeam = keyTeamId(principal);
  if (keyTeam && keyTeam !== teamId) throw notFound();
  // Lock first, then read in a new statement: after waiting for the lock, a joined read would still
  // see the membership as it was before the other transaction changed it (READ COMMITTED).
  if (opts.lock) await db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).for("update");
  const [row] = await db
    .select({ team: teams, membership: memberships })
    .from(teams)
    .innerJoin(memberships, and(eq(memberships.teamId, teams.id), eq(memberships.userId, principal.user.id)))
    .where(eq(teams.id, teamId));
  if (!row) throw notFound();
  if (roles && !roles.includes(row.membership.role)) {
    throw AppError.forbidden(`This needs the ${roles.join(" or ")} role in the team; yours is ${row.membership.role}.`);
  }
  return row;
}
