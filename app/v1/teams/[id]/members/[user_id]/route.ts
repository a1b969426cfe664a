import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { changeRole, removeMember } from "@/lib/teams/members";
import { changeRoleSchema, teamMemberParams } from "@/lib/teams/schemas";

export const dynamic = "force-dynamic";

// PATCH /v1/teams/:id/members/:user_id {role} – owners any change; admins not to or from owner; never yourself
export const PATCH = route({ tier: "creator", scope: "team:admin", params: teamMemberParams, body: changeRoleSchema }, ({ db, principal, params, body }) =>
  changeRole(db, principal, params.id, params.user_id, body.role),
);

// DELETE /v1/teams/:id/members/:user_id – owners anyone; admins not owners; never yourself
export const DELETE = route({ tier: "creator", scope: "team:admin", params: teamMemberParams }, async ({ db, principal, params }) => {
  await removeMember(db, principal, params.id, params.user_id);
  return noContent();
});
