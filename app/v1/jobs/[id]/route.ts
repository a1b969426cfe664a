import { idParams } from "@/lib/http/params";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { deleteJob, getJob } from "@/lib/jobs/service";

export const dynamic = "force-dynamic";

// GET /v1/jobs/:id – with presigned output URLs when completed
export const GET = route({ scope: "jobs:read", params: idParams }, ({ db, principal, params }) => getJob(db, principal, params.id));

// DELETE /v1/jobs/:id – ephemeral and terminal jobs; removes the stored video
export const DELETE = route({ scope: "jobs:write", params: idParams }, async ({ db, principal, params }) => {
  await deleteJob(db, principal, params.id);
  return noContent();
});
