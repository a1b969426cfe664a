import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { invitationParams } from "@/lib/invitations/schemas";
import { revokeInvitation } from "@/lib/invitations/service";

export const dynamic = "force-dynamic";

// DELETE /v1/teams/:id/invitations/:inv_id – revoke a pending (or expired) invitation
export const DELETE = route({ tier: "creator", scope: "team:admin", params: invitationParams }, async ({ db, principal, params }) => {
  await revokeInvitation(db, principal, params.id, params.inv_id);
  return noContent();
});
