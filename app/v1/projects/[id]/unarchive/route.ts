import { idParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { unarchiveProject } from "@/lib/projects/service";

export const dynamic = "force-dynamic";

// POST /v1/projects/:id/unarchive – owners and admins
export const POST = route({ tier: "creator", scope: "projects:write", params: idParams }, ({ db, principal, params }) => unarchiveProject(db, principal, params.id));
