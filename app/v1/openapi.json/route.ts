import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { openApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-dynamic";

// GET /v1/openapi.json – the OpenAPI 3.1 document of this API (public, cacheable)
export const GET = route({ auth: "public" }, async () =>
  json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } }),
);
