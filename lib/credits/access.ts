import { and, eq } from "drizzle-orm";
import { memberships } from "@/drizzle/schema";
import type { Principal } from "@/lib/auth/principal";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { assertKeyReaches, keyTeamId, type Role } from "@/lib/urn/access";
import { parseUrn, teamUrn, userUrn, type Urn } from "@/lib/urn";

async function roleIn(db: DbOrTx, userId: string, teamId: string): Promise<Role | null> {
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.teamId, teamId)));
  return m?.role ?? null;
}

/**
 * A credit holder the caller may use: their own personal URN, or a team they belong to (with one of
 * `roles` when given: 403 for a member without it). Anything else is 404, as if it did not exist.
 */
export async function reachableHolder(db: DbOrTx, principal: Principal, owner: string, roles?: Role[]): Promise<Urn> {
  assertKeyReaches(principal, owner);
  const urn = parseUrn(owner);
  if (!urn || urn.kind === "membership") throw AppError.notFound("Owner");
  if (urn.kind === "user") {
    if (urn.userId !== principal.user.id) throw AppError.notFound("Owner");
    return urn;
  }
  const role = await roleIn(db, principal.user.id, urn.teamId);
  if (!role) throw AppError.notFound("Owner");
  if (roles && !roles.includes(role)) {
    throw AppError.forbidden("Only a team owner or admin can move credits out of a team.");
  }
  return urn;
}

/** Whose history a ledger request reads by default: the key's team for a team key, else the caller. */
export function defaultLedgerOwner(principal: Principal): string {
  const teamId = keyTeamId(principal);
  return teamId ? teamUrn(teamId) : userUrn(principal.user.id);
}
