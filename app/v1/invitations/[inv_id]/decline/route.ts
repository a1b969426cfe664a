import { route } from "@/lib/http/route";
import { myInvitationParams } from "@/lib/invitations/schemas";
import { declineInvitation } from "@/lib/invitations/service";

export const dynamic = "force-dynamic";

// POST /v1/invitations/:inv_id/decline
export const POST = route({ params: myInvitationParams }, ({ db, principal, params }) => declineInvitation(db, principal, { id: params.inv_id }));
