import { idParams } from "@/lib/http/params";
import { created } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { createProjectSchema, listProjectsQuery } from "@/lib/projects/schemas";
import { createProject, listProjects } from "@/lib/projects/service";

export const dynamic = "force-dynamic";

// GET /v1/teams/:id/projects?status=&include_archived= – any member; newest first, without specs
export const GET = route({ tier: "creator", scope: "projects:read", params: idParams, query: listProjectsQuery }, ({ db, principal, params, query }) =>
  listProjects(db, principal, params.id, query),
);

// POST /v1/teams/:id/projects {name, spec?} – owners, admins and members
export const POST = route({ tier: "creator", scope: "projects:write", params: idParams, body: createProjectSchema }, async ({ db, principal, params, body }) =>
  created(await createProject(db, principal, params.id, body)),
);
