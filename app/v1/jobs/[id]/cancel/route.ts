import { idParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { cancelJob } from "@/lib/jobs/service";

export const dynamic = "force-dynamic";

// POST /v1/jobs/:id/cancel – refunds per the policy; 409 when already terminal
export const POST = route({ scope: "jobs:write", params: idParams }, ({ db, principal, params }) => cancelJob(db, principal, params.id));
