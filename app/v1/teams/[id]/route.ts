import { idParams } from "@/lib/http/params";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { updateTeamSchema } from "@/lib/teams/schemas";
import { deleteTeam, getTeam, updateTeam } from "@/lib/teams/service";

export const dynamic = "force-dynamic";

// GET /v1/teams/:id – any member
export const GET = route({ tier: "creator", scope: "team:read", params: idParams }, ({ db, principal, params }) => getTeam(db, principal, params.id));

// PATCH /v1/teams/:id {name?, settings?} – owners and admins
export const PATCH = route({ tier: "creator", scope: "team:admin", params: idParams, body: updateTeamSchema }, ({ db, principal, params, body }) =>
  updateTeam(db, principal, params.id, body),
);

// DELETE /v1/teams/:id – the owner, as the sole member, with no renders in progress
export const DELETE = route({ tier: "creator", scope: "team:admin", params: idParams }, async ({ db, principal, params }) => {
  await deleteTeam(db, principal, params.id);
  return noContent();
});
