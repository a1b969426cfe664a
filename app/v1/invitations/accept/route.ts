import { route } from "@/lib/http/route";
import { acceptByTokenSchema } from "@/lib/invitations/schemas";
import { acceptInvitation } from "@/lib/invitations/service";

export const dynamic = "force-dynamic";

// POST /v1/invitations/accept {token} – accept from the invite link
export const POST = route({ body: acceptByTokenSchema }, ({ db, principal, body }) => acceptInvitation(db, principal, { token: body.token }));
