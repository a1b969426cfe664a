import { route } from "@/lib/http/route";
import { estimateRequestSchema } from "@/lib/storyboard/schemas";
import { estimateSpec } from "@/lib/storyboard/service";

export const dynamic = "force-dynamic";

// POST /v1/spec/estimate {spec, owner?, options?} – duration, credits and time; 422 if invalid
export const POST = route({ body: estimateRequestSchema }, ({ db, principal, body }) => estimateSpec(db, principal, body));
