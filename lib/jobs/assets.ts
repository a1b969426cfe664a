import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { and, eq, inArray, sql } from "drizzle-orm";
import { assetFiles, jobs, systemAssets } from "@/drizzle/schema";
import { db, type DbOrTx } from "@/lib/db/client";
import { buckets, s3 } from "@/lib/storage/s3";
import type { Storyboard } from "@/lib/storyboard/schema";
import { assetRefs } from "@/lib/storyboard/validate";
import { transitionJob } from "./transition";

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

async function objectExists(Bucket: string, Key: string): Promise<boolean> {
  try {
    await s3().send(new HeadObjectCommand({ Bucket, Key }));
    return true;
  } catch (err) {
    if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw err;
  }
}

/** The uploaded asset files the storyboard uses that are gone: no row, not ready, or no object. */
export async function missingAssetFiles(sb: Storyboard): Promise<string[]> {
  const ids = [...new Set(assetRefs(sb).map((r) => r.id))].filter((id) => !id.startsWith("asset_"));
  const missing: string[] = [];
  for (const id of ids) {
    const obj = await findAssetObject(id);
    if (!obj || !(await objectExists(obj.bucket, obj.key))) missing.push(id);
  }
  return missing;
}

/**
 * Checked when a job starts: an asset deleted after the job was created (a race the delete's
 * in-use check cannot see) fails the job at once as a validation failure, refunded per that rule.
 * Returns whether the job was failed.
 */
export async function failIfAssetsMissing(jobId: string, sb: Storyboard): Promise<boolean> {
  const missing = await missingAssetFiles(sb);
  if (missing.length === 0) return false;
  const message = `The storyboard uses asset files that no longer exist or are not ready: ${missing.join(", ")}.`;
  await db().transaction((tx) => transitionJob(tx, jobId, { to: "failed", failureType: "validation", error: { code: "INVALID_INPUT", message } }));
  return true;
}

/** Queued or processing jobs whose storyboard uses the asset (any string value equal to its id). */
export async function activeJobsUsing(tx: DbOrTx, assetId: string): Promise<{ id: string; owner: string }[]> {
  return tx
    .select({ id: jobs.id, owner: jobs.owner })
    .from(jobs)
    .where(
      and(
        inArray(jobs.status, ["queued", "processing"]),
        sql`jsonb_path_exists(${jobs.specSnapshot}, 'strict $.** ? (@ == $id)', jsonb_build_object('id', ${assetId}::text))`,
      ),
    );
}
