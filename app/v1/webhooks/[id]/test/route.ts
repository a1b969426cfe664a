import { idParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { sendTest } from "@/lib/webhooks/service";

export const dynamic = "force-dynamic";

// POST /v1/webhooks/:id/test – sends webhook.test now; answers with the delivery after the first attempt
export const POST = route({ tier: "creator", scope: "webhooks:write", params: idParams }, ({ db, principal, params }) => sendTest(db, principal, params.id));
