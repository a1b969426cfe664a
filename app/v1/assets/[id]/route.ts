import { deleteAsset, getAsset } from "@/lib/assets/service";
import { idParams } from "@/lib/http/params";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// GET /v1/assets/:id – with a presigned download URL when ready
export const GET = route({ scope: "assets:read", params: idParams }, ({ db, principal, params }) => getAsset(db, principal, params.id));

// DELETE /v1/assets/:id – the uploader or a team owner/admin; removes the file and gives the storage back
export const DELETE = route({ scope: "assets:write", params: idParams }, async ({ db, principal, params }) => {
  await deleteAsset(db, principal, params.id);
  return noContent();
});
