import { idParams } from "@/lib/http/params";
import { created } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { createWebhookSchema, listWebhooksQuery } from "@/lib/webhooks/schemas";
import { createWebhook, listWebhooks } from "@/lib/webhooks/service";

export const dynamic = "force-dynamic";

// GET /v1/teams/:id/webhooks – owners and admins
export const GET = route({ tier: "creator", scope: "webhooks:read", params: idParams, query: listWebhooksQuery }, ({ db, principal, params, query }) =>
  listWebhooks(db, principal, params.id, query),
);

// POST /v1/teams/:id/webhooks {url, events} – the secret is in this response only
export const POST = route({ tier: "creator", scope: "webhooks:write", params: idParams, body: createWebhookSchema }, async ({ db, principal, params, body }) =>
  created(await createWebhook(db, principal, params.id, body)),
);
