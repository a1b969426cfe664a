import { generateSpecRequestSchema } from "@/lib/assistant/schemas";
import { generateSpec } from "@/lib/assistant/service";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
// Claude may take a while (up to two repair rounds).
export const maxDuration = 300;

// POST /v1/spec/generate {brief, duration_seconds?, style?, scenes?, base_spec?} – an AI-drafted storyboard
export const POST = route({ scope: "generate", body: generateSpecRequestSchema }, ({ db, principal, body }) => generateSpec(db, principal, body));
