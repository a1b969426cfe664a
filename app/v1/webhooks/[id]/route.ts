import { idParams } from "@/lib/http/params";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { updateWebhookSchema } from "@/lib/webhooks/schemas";
import { deleteWebhook, getWebhook, updateWebhook } from "@/lib/webhooks/service";

export const dynamic = "force-dynamic";

// GET /v1/webhooks/:id – owners and admins of its team
export const GET = route({ tier: "creator", scope: "webhooks:read", params: idParams }, ({ db, principal, params }) => getWebhook(db, principal, params.id));

// PATCH /v1/webhooks/:id {url?, events?, is_active?}
export const PATCH = route({ tier: "creator", scope: "webhooks:write", params: idParams, body: updateWebhookSchema }, ({ db, principal, params, body }) =>
  updateWebhook(db, principal, params.id, body),
);

// DELETE /v1/webhooks/:id – with its deliveries
export const DELETE = route({ tier: "creator", scope: "webhooks:write", params: idParams }, async ({ db, principal, params }) => {
  await deleteWebhook(db, principal, params.id);
  return noContent();
});
