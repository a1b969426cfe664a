import { createApiKeySchema, listApiKeysQuery } from "@/lib/api-keys/schemas";
import { createApiKey, listApiKeys } from "@/lib/api-keys/service";
import { created } from "@/lib/http/respond";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// GET /v1/auth/keys – the caller's API keys (never the raw key or its hash)
export const GET = route({ query: listApiKeysQuery }, ({ db, principal, query }) => listApiKeys(db, principal, query));

// POST /v1/auth/keys – create a key; the raw key is in this response only
export const POST = route({ body: createApiKeySchema }, async ({ db, principal, body }) =>
  created(await createApiKey(db, principal, body)),
);
