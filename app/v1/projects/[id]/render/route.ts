import { idParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { idempotencyKeyOf, jobCreatedResponse } from "@/lib/jobs/respond";
import { renderProjectSchema } from "@/lib/projects/schemas";
import { renderProject } from "@/lib/projects/service";

export const dynamic = "force-dynamic";

// POST /v1/projects/:id/render {options?} – a team job from the project's storyboard (spec part 4 §1)
export const POST = route({ tier: "creator", scope: "generate", params: idParams, body: renderProjectSchema }, async ({ req, db, principal, params, body }) =>
  jobCreatedResponse(await renderProject(db, principal, params.id, { options: body.options, idempotencyKey: idempotencyKeyOf(req, body.idempotency_key) })),
);
