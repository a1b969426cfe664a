import { confirmUpload } from "@/lib/assets/confirm";
import { idParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// POST /v1/assets/:id/confirm – checks the uploaded bytes; ready (200) or failed (422 with the reason)
export const POST = route({ scope: "assets:write", params: idParams }, ({ db, principal, params }) => confirmUpload(db, principal, params.id));
