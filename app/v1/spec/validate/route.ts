import { readBodyText } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { formatFromContentType } from "@/lib/storyboard/schemas";
import { publicResult, validateSource } from "@/lib/storyboard/service";

export const dynamic = "force-dynamic";

// POST /v1/spec/validate – the storyboard as JSON, or YAML with Content-Type: application/yaml.
// Always 200 {valid, errors, warnings}; YAML issues carry line and column.
export const POST = route({ rawBody: true }, async ({ db, principal, req }) => {
  const text = await readBodyText(req);
  const result = await validateSource(db, principal, text, formatFromContentType(req.headers.get("content-type")));
  return publicResult(result);
});
