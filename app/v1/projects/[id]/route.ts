import { idParams } from "@/lib/http/params";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { renameProjectSchema } from "@/lib/projects/schemas";
import { deleteProject, getProject, renameProject } from "@/lib/projects/service";

export const dynamic = "force-dynamic";

// GET /v1/projects/:id – with its spec and latest job
export const GET = route({ tier: "creator", scope: "projects:read", params: idParams }, ({ db, principal, params }) => getProject(db, principal, params.id));

// PATCH /v1/projects/:id {name} – owners, admins, members; not while rendering
export const PATCH = route({ tier: "creator", scope: "projects:write", params: idParams, body: renameProjectSchema }, ({ db, principal, params, body }) =>
  renameProject(db, principal, params.id, body.name),
);

// DELETE /v1/projects/:id – owners and admins; not while rendering (its jobs stay, as ephemeral)
export const DELETE = route({ tier: "creator", scope: "projects:write", params: idParams }, async ({ db, principal, params }) => {
  await deleteProject(db, principal, params.id);
  return noContent();
});
