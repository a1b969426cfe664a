import { idParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { leaveTeam } from "@/lib/teams/members";

export const dynamic = "force-dynamic";

// POST /v1/teams/:id/leave – any member; the last owner only as the sole member (the team is then deleted)
export const POST = route({ tier: "creator", scope: "team:admin", params: idParams }, ({ db, principal, params }) => leaveTeam(db, principal, params.id));
