import { idParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { retryDelivery } from "@/lib/webhooks/service";

export const dynamic = "force-dynamic";

// POST /v1/webhook-deliveries/:id/retry – a failed delivery starts over
export const POST = route({ tier: "creator", scope: "webhooks:write", params: idParams }, ({ db, principal, params }) => retryDelivery(db, principal, params.id));
