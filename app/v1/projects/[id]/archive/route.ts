import { idParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { archiveProject } from "@/lib/projects/service";

export const dynamic = "force-dynamic";

// POST /v1/projects/:id/archive – owners and admins
export const POST = route({ tier: "creator", scope: "projects:write", params: idParams }, ({ db, principal, params }) => archiveProject(db, principal, params.id));
