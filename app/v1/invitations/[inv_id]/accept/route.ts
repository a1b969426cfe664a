import { route } from "@/lib/http/route";
import { myInvitationParams } from "@/lib/invitations/schemas";
import { acceptInvitation } from "@/lib/invitations/service";

export const dynamic = "force-dynamic";

// POST /v1/invitations/:inv_id/accept – join the team (a starter becomes a creator, T4)
export const POST = route({ params: myInvitationParams }, ({ db, principal, params }) => acceptInvitation(db, principal, { id: params.inv_id }));
