import { route } from "@/lib/http/route";
import { listSystemAssetsQuery } from "@/lib/system-assets/schemas";
import { listSystemAssets } from "@/lib/system-assets/service";

export const dynamic = "force-dynamic";

// GET /v1/system-assets?category=&tag=&limit=&cursor= – the catalog of licence-free sounds, in id order
export const GET = route({ scope: "assets:read", query: listSystemAssetsQuery }, ({ db, query }) => listSystemAssets(db, query));
