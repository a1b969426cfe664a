/**
 * `POST /v1/assets/:id/confirm`: under the asset's row lock, the uploaded object is moved from the
 * staging key to the final key and checked there (size ±5 %, magic bytes). The final key is
 * written only here, so what was checked is what every download serves: a later PUT to the old
 * upload URL lands in staging and changes nothing.
 */
import { eq } from "drizzle-orm";
import { assetFiles } from "@/drizzle/schema";
import type { Principal } from "@/lib/auth/principal";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { log } from "@/lib/log";
import { adjustStorage } from "@/lib/storage/counters";
import { deleteAssetObjects, firstBytes, promoteUpload } from "./objects";
import { toAssetResponse, type AssetRow } from "./schemas";
import { loadVisibleAsset } from "./service";
import { sniffContentType } from "./sniff";

const SIZE_TOLERANCE = 0.05;

/** Why the stored object is not the asset that was declared, or null when it is. */
async function problemWith(row: AssetRow, size: number): Promise<string | null> {
  if (Math.abs(size - row.sizeBytes) > row.sizeBytes * SIZE_TOLERANCE) {
    return `The uploaded file has ${size} bytes; ${row.sizeBytes} were declared.`;
  }
  const actual = sniffContentType(await firstBytes(row.s3Key));
  if (actual !== row.contentType) return `The uploaded file is ${actual ?? "not a supported type"}, not ${row.contentType}.`;
  return null;
}

/** Moves and checks a pending upload; ready or failed. Rows no longer pending come back as they are. */
async function settle(db: Db, id: string): Promise<{ row: AssetRow; problem?: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(assetFiles).where(eq(assetFiles.id, id)).for("update");
    if (!row) throw AppError.notFound("Asset");
    if (row.status !== "pending") return { row };
    const size = await promoteUpload(row);
    if (size === null) throw new AppError("INVALID_STATE", "The file has not been uploaded yet: PUT it to the upload URL, then confirm.");
    const problem = await problemWith(row, size);
    const [updated] = await tx
      .update(assetFiles)
      .set(problem ? { status: "failed", metadata: { error: problem } } : { status: "ready", sizeBytes: size, metadata: { verified_content_type: row.contentType } })
      .where(eq(assetFiles.id, id))
      .returning();
    if (!problem) await adjustStorage(tx, row.owner, size);
    return { row: updated!, ...(problem ? { problem } : {}) };
  });
}

export async function confirmUpload(db: Db, principal: Principal, id: string) {
  const visible = await loadVisibleAsset(db, principal, id);
  if (visible.uploadedBy !== principal.user.id) throw AppError.forbidden("Only the person who uploaded the file can confirm it.");
  const { row, problem } = await settle(db, id);
  if (problem) {
    await deleteAssetObjects(row).catch((err: unknown) => log.warn({ err, id }, "removing a failed upload"));
    throw new AppError("VALIDATION_ERROR", problem, { errors: [{ path: "file", message: problem }], asset: toAssetResponse(row) });
  }
  if (row.status === "failed") throw new AppError("INVALID_STATE", "This upload failed; request a new upload URL.", { reason: (row.metadata as { error?: string }).error });
  return toAssetResponse(row);
}
