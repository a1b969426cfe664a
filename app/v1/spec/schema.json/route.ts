import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { storyboardJsonSchema } from "@/lib/storyboard/schema";

export const dynamic = "force-dynamic";

// GET /v1/spec/schema.json – the storyboard's JSON Schema for editors (public, cacheable)
export const GET = route({ auth: "public" }, async () =>
  json(storyboardJsonSchema(), {
    headers: { "Cache-Control": "public, max-age=300", "Content-Type": "application/schema+json" },
  }),
);
