import { eq } from "drizzle-orm";
import { assetFiles, systemAssets } from "@/drizzle/schema";
import { db } from "@/lib/db/client";
import { buckets } from "@/lib/storage/s3";

/** Where an asset id (system catalog id or uploaded asset UUID) is stored; null when unknown or not ready. */
export async function findAssetObject(assetId: string): Promise<{ bucket: string; key: string; duration?: number } | null> {
  if (assetId.startsWith("asset_")) {
    const [row] = await db()
      .select({ key: systemAssets.s3Key, duration: systemAssets.durationSeconds })
      .from(systemAssets)
      .where(eq(systemAssets.id, assetId));
    return row ? { bucket: buckets().system, key: row.key, ...(row.duration ? { duration: row.duration } : {}) } : null;
  }
  const [row] = await db().select({ key: assetFiles.s3Key, status: assetFiles.status }).from(assetFiles).where(eq(assetFiles.id, assetId));
  return row && row.status === "ready" ? { bucket: buckets().assets, key: row.key } : null;
}
