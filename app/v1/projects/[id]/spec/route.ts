import { readBodyText } from "@/lib/http/body";
import { idParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { replaceSpec } from "@/lib/projects/service";
import { formatFromContentType } from "@/lib/storyboard/schemas";

export const dynamic = "force-dynamic";

// PUT /v1/projects/:id/spec – a JSON object, or YAML with Content-Type: application/yaml; draft or completed projects
export const PUT = route({ tier: "creator", scope: "projects:write", params: idParams, rawBody: true }, async ({ db, principal, params, req }) =>
  replaceSpec(db, principal, params.id, { text: await readBodyText(req), format: formatFromContentType(req.headers.get("content-type")) }),
);
