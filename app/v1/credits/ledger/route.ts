import { listLedger } from "@/lib/credits/ledger";
import { ledgerQuery } from "@/lib/credits/schemas";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// GET /v1/credits/ledger?owner=&cursor=&limit= – a credit holder's history, newest first
export const GET = route({ query: ledgerQuery }, ({ db, principal, query }) => listLedger(db, principal, query));
