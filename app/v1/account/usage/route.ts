import { usageQuerySchema } from "@/lib/accounts/schemas";
import { accountUsage } from "@/lib/accounts/service";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// GET /v1/account/usage?period=YYYY-MM – usage of the caller's accessible owners
export const GET = route({ query: usageQuerySchema }, ({ db, principal, query }) =>
  accountUsage(db, principal.user, query.period),
);
