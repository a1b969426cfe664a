import { listAssetsQuery } from "@/lib/assets/schemas";
import { listAssets } from "@/lib/assets/service";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// GET /v1/assets – asset files of the caller's accessible owners, newest first
export const GET = route({ scope: "assets:read", query: listAssetsQuery }, ({ db, principal, query }) => listAssets(db, principal, query));
