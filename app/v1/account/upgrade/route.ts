import { upgradeAccount } from "@/lib/accounts/upgrade";
import { emptyBody } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// POST /v1/account/upgrade – starter → creator with "My Team" and a welcome project (T2); idempotent for creators
export const POST = route({ body: emptyBody }, ({ db, principal }) => upgradeAccount(db, principal));
