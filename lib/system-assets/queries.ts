import { and, arrayContains, asc, eq, gt, inArray, notInArray, sql } from "drizzle-orm";
import { systemAssets } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";
import type { SystemAssetCategory } from "./catalog";
import type { SystemAssetRow } from "./schemas";

export type SystemAssetValues = Omit<SystemAssetRow, "createdAt">;

/** A page of the catalog in id order, after `afterId`; `limit + 1` rows tell whether there is more. */
export function selectSystemAssets(db: DbOrTx, f: { category?: SystemAssetCategory; tag?: string; afterId?: string; limit: number }) {
  return db
    .select()
    .from(systemAssets)
    .where(
      and(
        f.category ? eq(systemAssets.category, f.category) : undefined,
        f.tag ? arrayContains(systemAssets.tags, [f.tag]) : undefined,
        f.afterId ? gt(systemAssets.id, f.afterId) : undefined,
      ),
    )
    .orderBy(asc(systemAssets.id))
    .limit(f.limit + 1);
}

export async function findSystemAsset(db: DbOrTx, id: string): Promise<SystemAssetRow | undefined> {
  const [row] = await db.select().from(systemAssets).where(eq(systemAssets.id, id));
  return row;
}

export function systemAssetRows(db: DbOrTx, ids: readonly string[]): Promise<SystemAssetRow[]> {
  return db.select().from(systemAssets).where(inArray(systemAssets.id, [...ids]));
}

/** Rows whose id is not in the catalog (left by an older catalog). */
export function staleSystemAssetRows(db: DbOrTx, ids: readonly string[]): Promise<SystemAssetRow[]> {
  return db.select().from(systemAssets).where(notInArray(systemAssets.id, [...ids]));
}

export async function deleteSystemAssetRows(db: DbOrTx, ids: readonly string[]): Promise<void> {
  if (ids.length) await db.delete(systemAssets).where(inArray(systemAssets.id, [...ids]));
}

export async function countSystemAssets(db: DbOrTx, ids: readonly string[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(systemAssets)
    .where(inArray(systemAssets.id, [...ids]));
  return row?.n ?? 0;
}

/** Insert, or bring an existing row up to date (created_at is kept). */
export async function upsertSystemAsset(db: DbOrTx, v: SystemAssetValues): Promise<void> {
  await db
    .insert(systemAssets)
    .values(v)
    .onConflictDoUpdate({
      target: systemAssets.id,
      set: {
        category: v.category,
        name: v.name,
        description: v.description,
        durationSeconds: v.durationSeconds,
        s3Key: v.s3Key,
        contentType: v.contentType,
        sizeBytes: v.sizeBytes,
        tags: v.tags,
      },
    });
}
