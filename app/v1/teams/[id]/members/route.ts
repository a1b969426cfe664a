import { idParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { listMembers } from "@/lib/teams/members";
import { listMembersQuery } from "@/lib/teams/schemas";

export const dynamic = "force-dynamic";

// GET /v1/teams/:id/members – any member; oldest first
export const GET = route({ tier: "creator", scope: "team:read", params: idParams, query: listMembersQuery }, ({ db, principal, params, query }) =>
  listMembers(db, principal, params.id, query),
);
