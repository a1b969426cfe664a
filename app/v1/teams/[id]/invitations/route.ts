import { idParams } from "@/lib/http/params";
import { created } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { inviteSchema, listInvitationsQuery } from "@/lib/invitations/schemas";
import { invite, listTeamInvitations } from "@/lib/invitations/service";

export const dynamic = "force-dynamic";

// GET /v1/teams/:id/invitations – owners and admins; every state, newest first
export const GET = route({ tier: "creator", scope: "team:admin", params: idParams, query: listInvitationsQuery }, ({ db, principal, params, query }) =>
  listTeamInvitations(db, principal, params.id, query),
);

// POST /v1/teams/:id/invitations {email, role?} – the raw token and link are in this response only
export const POST = route({ tier: "creator", scope: "team:admin", params: idParams, body: inviteSchema }, async ({ db, principal, params, body }) =>
  created(await invite(db, principal, params.id, body)),
);
