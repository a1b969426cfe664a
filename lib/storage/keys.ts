import { parseUrn } from "@/lib/urn";

/**
 * Where an owner's objects live (spec part 4 §5): `user/<user_id>/<kind>/`,
 * `team/<team_id>/<user_id>/<kind>/` (membership URN), `team/<team_id>/shared/<kind>/` (team URN).
 */
export function ownerPrefix(owner: string, kind: "jobs" | "assets"): string {
  const urn = parseUrn(owner);
  if (!urn) throw new Error(`bad owner URN ${owner}`);
  if (urn.kind === "user") return `user/${urn.userId}/${kind}/`;
  if (urn.kind === "membership") return `team/${urn.teamId}/${urn.userId}/${kind}/`;
  return `team/${urn.teamId}/shared/${kind}/`;
}
