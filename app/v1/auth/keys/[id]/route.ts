import { renameApiKeySchema } from "@/lib/api-keys/schemas";
import { getApiKey, renameApiKey, revokeApiKey } from "@/lib/api-keys/service";
import { idParams } from "@/lib/http/params";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// GET /v1/auth/keys/:id
export const GET = route({ params: idParams }, ({ db, principal, params }) => getApiKey(db, principal, params.id));

// PATCH /v1/auth/keys/:id – rename (scopes and owner are immutable)
export const PATCH = route({ params: idParams, body: renameApiKeySchema }, ({ db, principal, params, body }) =>
  renameApiKey(db, principal, params.id, body.name),
);

// DELETE /v1/auth/keys/:id – revoke
export const DELETE = route({ params: idParams }, async ({ db, principal, params }) => {
  await revokeApiKey(db, principal, params.id);
  return noContent();
});
