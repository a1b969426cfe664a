import { eq } from "drizzle-orm";
import { memberships } from "@/drizzle/schema";
import type { Principal } from "@/lib/auth/principal";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { membershipUrn, parseUrn, teamUrn, userUrn, type Urn } from "./index";

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

/** The team an API key is confined to (its owner is a team or membership URN); null for personal keys and sessions. */
export function keyTeamId(principal: Principal): string | null {
  const keyUrn = principal.apiKey ? parseUrn(principal.apiKey.owner) : null;
  return keyUrn && keyUrn.kind !== "user" ? keyUrn.teamId : null;
}

/** Whether the caller's credential reaches `owner` at all: a team key only its own team's URNs. */
export function keyReaches(principal: Principal, owner: string): boolean {
  const teamId = keyTeamId(principal);
  if (!teamId) return true;
  const urn = parseUrn(owner);
  return urn !== null && urn.kind !== "user" && urn.teamId === teamId;
}

/**
 * Every owner URN a request names goes through here first: outside a team key's team it is 404,
 * the same answer as for an owner that does not exist (the user's own rules come after).
 */
export function assertKeyReaches(principal: Principal, owner: string): void {
  if (!keyReaches(principal, owner)) throw AppError.notFound("Owner");
}

/**
 * Owner URNs whose resources (jobs, assets, usage) the caller may see: their accessible URNs,
 * narrowed to one team when an API key is owned by a team or membership URN.
 */
export async function visibleOwners(db: DbOrTx, principal: Principal): Promise<string[]> {
  const all = await accessibleUrns(db, principal.user.id);
  return all.filter((u) => keyReaches(principal, u));
}

/**
 * The visible owners, narrowed to `owner` when a list asks for one: empty when the user cannot see
 * it, 404 when it lies outside a team key's team.
 */
export async function ownersInScope(db: DbOrTx, principal: Principal, owner?: string): Promise<string[]> {
  if (owner) assertKeyReaches(principal, owner);
  const owners = await visibleOwners(db, principal);
  return owner ? owners.filter((o) => o === owner) : owners;
}

/**
 * X1/X2 and the role rule for creating jobs or assets: the owner asked for (default: the API key's
 * owner, else personal) must be within the key's reach (else 404) and usable by the caller as
 * owner, admin or member of its team. `what` finishes "Viewers cannot …".
 */
export async function resolveWriteOwner(
  db: DbOrTx,
  principal: Principal,
  requested: string | undefined,
  what: string,
): Promise<{ owner: string; urn: Urn; role: Role | null }> {
  const owner = requested ?? principal.apiKey?.owner ?? userUrn(principal.user.id);
  assertKeyReaches(principal, owner);
  const access = await ownerAccess(db, principal.user, owner);
  if (!access.ok) throw AppError.forbidden(access.reason);
  if (access.role === "viewer") throw AppError.forbidden(`Viewers cannot ${what} for this team.`);
  return { owner, urn: parseUrn(owner)!, role: access.role };
}
