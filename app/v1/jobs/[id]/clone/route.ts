import { idParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { idempotencyKeyOf, jobCreatedResponse } from "@/lib/jobs/respond";
import { cloneSchema } from "@/lib/jobs/schemas";
import { cloneJob } from "@/lib/jobs/service";

export const dynamic = "force-dynamic";

// POST /v1/jobs/:id/clone – a new ephemeral job from this job's storyboard
export const POST = route({ scope: "jobs:write", params: idParams, body: cloneSchema }, async ({ req, db, principal, params, body }) =>
  jobCreatedResponse(
    await cloneJob(db, principal, params.id, {
      owner: body.owner,
      options: body.options,
      idempotencyKey: idempotencyKeyOf(req, body.idempotency_key),
    }),
  ),
);
