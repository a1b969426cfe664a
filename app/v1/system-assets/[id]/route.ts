import { route } from "@/lib/http/route";
import { systemAssetIdParams } from "@/lib/system-assets/schemas";
import { getSystemAsset } from "@/lib/system-assets/service";

export const dynamic = "force-dynamic";

// GET /v1/system-assets/:id – one asset, with a presigned preview_url (24 h)
export const GET = route({ scope: "assets:read", params: systemAssetIdParams }, ({ db, params }) => getSystemAsset(db, params.id));
