import { idParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { rotateSecret } from "@/lib/webhooks/service";

export const dynamic = "force-dynamic";

// POST /v1/webhooks/:id/rotate-secret – a new secret, shown in this response only
export const POST = route({ tier: "creator", scope: "webhooks:write", params: idParams }, ({ db, principal, params }) => rotateSecret(db, principal, params.id));
