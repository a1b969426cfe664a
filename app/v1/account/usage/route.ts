import { usageQuerySchema } from "@/lib/accounts/schemas";
import { usageForCaller } from "@/lib/accounts/usage";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// GET /v1/account/usage?period=YYYY-MM – usage of the owners the caller may see (a team key: its team only)
export const GET = route({ query: usageQuerySchema }, ({ db, principal, query }) => usageForCaller(db, principal, query.period));
