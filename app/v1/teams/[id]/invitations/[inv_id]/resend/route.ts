import { route } from "@/lib/http/route";
import { invitationParams } from "@/lib/invitations/schemas";
import { resendInvitation } from "@/lib/invitations/service";

export const dynamic = "force-dynamic";

// POST /v1/teams/:id/invitations/:inv_id/resend – a new 7-day expiry and a new link
export const POST = route({ tier: "creator", scope: "team:admin", params: invitationParams }, ({ db, principal, params }) =>
  resendInvitation(db, principal, params.id, params.inv_id),
);
