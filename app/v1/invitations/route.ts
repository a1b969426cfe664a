import { route } from "@/lib/http/route";
import { myInvitations } from "@/lib/invitations/service";

export const dynamic = "force-dynamic";

// GET /v1/invitations – open invitations to the caller's email, with their team
export const GET = route({}, ({ db, principal }) => myInvitations(db, principal));
