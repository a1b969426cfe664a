import { route } from "@/lib/http/route";
import { createJob } from "@/lib/jobs/create";
import { idempotencyKeyOf, jobCreatedResponse } from "@/lib/jobs/respond";
import { generateSchema } from "@/lib/jobs/schemas";

export const dynamic = "force-dynamic";

// POST /v1/generate – an ephemeral render job (spec part 4 §1)
export const POST = route({ scope: "generate", body: generateSchema }, async ({ req, db, principal, body }) =>
  jobCreatedResponse(
    await createJob(db, principal, {
      spec: body.spec,
      owner: body.owner,
      options: body.options,
      idempotencyKey: idempotencyKeyOf(req, body.idempotency_key),
    }),
  ),
);
