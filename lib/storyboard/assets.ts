import { and, inArray } from "drizzle-orm";
import { assetFiles } from "@/drizzle/schema";
import type { Principal } from "@/lib/auth/principal";
import type { DbOrTx } from "@/lib/db/client";
import { visibleOwners } from "@/lib/urn/access";
import type { AssetResolver } from "./validate";

/** Asset files the caller may use: owned by one of their accessible URNs (a team key: that team only). */
export function dbAssetResolver(db: DbOrTx, principal: Principal): AssetResolver {
  return {
    async resolve(ids) {
      const uuids = ids.filter((id) => /^[0-9a-f-]{36}$/.test(id));
      if (uuids.length === 0) return new Map();
      const owners = await visibleOwners(db, principal);
      const rows = await db
        .select({ id: assetFiles.id, status: assetFiles.status, contentType: assetFiles.contentType })
        .from(assetFiles)
        .where(and(inArray(assetFiles.id, uuids), inArray(assetFiles.owner, owners)));
      return new Map(rows.map((r) => [r.id, { status: r.status, contentType: r.contentType }]));
    },
  };
}
