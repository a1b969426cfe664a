import { idParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { listDeliveriesQuery } from "@/lib/webhooks/schemas";
import { listDeliveries } from "@/lib/webhooks/service";

export const dynamic = "force-dynamic";

// GET /v1/webhooks/:id/deliveries?status=&event_type= – newest first
export const GET = route({ tier: "creator", scope: "webhooks:read", params: idParams, query: listDeliveriesQuery }, ({ db, principal, params, query }) =>
  listDeliveries(db, principal, params.id, query),
);
