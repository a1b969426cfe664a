import { uploadRequestSchema } from "@/lib/assets/schemas";
import { createUpload } from "@/lib/assets/service";
import { created } from "@/lib/http/respond";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// POST /v1/assets/upload-url – a pending asset and a presigned PUT (15 min, type and length bound)
export const POST = route({ scope: "assets:write", body: uploadRequestSchema }, async ({ db, principal, body }) =>
  created(await createUpload(db, principal, body)),
);
