import { route } from "@/lib/http/route";
import { acceptByTokenSchema } from "@/lib/invitations/schemas";
import { declineInvitation } from "@/lib/invitations/service";

export const dynamic = "force-dynamic";

// POST /v1/invitations/decline {token} – decline from the invite link
export const POST = route({ body: acceptByTokenSchema }, ({ db, principal, body }) => declineInvitation(db, principal, { token: body.token }));
