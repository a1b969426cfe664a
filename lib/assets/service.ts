/**
 * Asset files (spec part 2 §3, part 4 §5): `upload-url` creates the row (pending) and a presigned
 * PUT bound to the content type and length; the client PUTs straight to S3; `confirm` checks the
 * object exists, its size is the declared one (±5 %), and its bytes are the declared type, then
 * marks it ready and adds its size to the owner's storage — or failed, and the object is removed.
 */
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { and, desc, eq, inArray, like, lt } from "drizzle-orm";
import { assetFiles, projects } from "@/drizzle/schema";
import type { Principal } from "@/lib/auth/principal";
import type { Db, DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { afterCursor, decodeCursor, page } from "@/lib/http/pagination";
import { log } from "@/lib/log";
import { adjustStorage } from "@/lib/storage/counters";
import { ownerPrefix } from "@/lib/storage/keys";
import { buckets, s3, s3Public } from "@/lib/storage/s3";
import { parseUrn, teamUrn } from "@/lib/urn";
import { ownerAccess, ownersInScope, resolveWriteOwner, visibleOwners } from "@/lib/urn/access";
import { toAssetResponse, type AssetRow, type ListAssetsQuery, type UploadRequest } from "./schemas";
import { safeFilename, sniffContentType } from "./sniff";

export const UPLOAD_URL_SECONDS = 15 * 60;
export const DOWNLOAD_URL_SECONDS = 60 * 60;
const SIZE_TOLERANCE = 0.05;

/** X3: a project's asset is owned by the project's team URN (and the caller must be OAM there). */
async function ownerFor(db: DbOrTx, principal: Principal, req: UploadRequest) {
  if (!req.project_id) return resolveWriteOwner(db, principal, req.owner, "upload assets");
  const [project] = await db.select({ teamId: projects.teamId }).from(projects).where(eq(projects.id, req.project_id));
  if (!project) throw AppError.notFound("Project");
  const owner = teamUrn(project.teamId);
  if (req.owner && req.owner !== owner) {
    throw AppError.validation([{ path: "owner", message: "A project's assets belong to the project's team URN." }]);
  }
  return resolveWriteOwner(db, principal, owner, "upload assets");
}

export async function createUpload(db: Db, principal: Principal, req: UploadRequest) {
  const { owner } = await ownerFor(db, principal, req);
  const id = crypto.randomUUID();
  const key = `${ownerPrefix(owner, "assets")}${id}/${safeFilename(req.filename)}`;
  const [row] = await db
    .insert(assetFiles)
    .values({ id, owner, uploadedBy: principal.user.id, projectId: req.project_id ?? null, filename: req.filename, s3Key: key, contentType: req.content_type, sizeBytes: req.size_bytes })
    .returning();
  const uploadUrl = await getSignedUrl(
    s3Public(),
    new PutObjectCommand({ Bucket: buckets().assets, Key: key, ContentType: req.content_type, ContentLength: req.size_bytes }),
    { expiresIn: UPLOAD_URL_SECONDS, signableHeaders: new Set(["content-type", "content-length"]) },
  );
  return { asset: toAssetResponse(row!), upload_url: uploadUrl, upload_headers: { "Content-Type": req.content_type } };
}

async function loadVisibleAsset(db: DbOrTx, principal: Principal, id: string): Promise<AssetRow> {
  const owners = await visibleOwners(db, principal);
  const [row] = await db
    .select()
    .from(assetFiles)
    .where(and(eq(assetFiles.id, id), inArray(assetFiles.owner, owners)));
  if (!row) throw AppError.notFound("Asset");
  return row;
}

async function headObject(key: string): Promise<number | null> {
  try {
    const head = await s3().send(new HeadObjectCommand({ Bucket: buckets().assets, Key: key }));
    return head.ContentLength ?? 0;
  } catch (err) {
    const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === "NotFound" || e.name === "NoSuchKey" || e.$metadata?.httpStatusCode === 404) return null;
    throw err;
  }
}

async function firstBytes(key: string): Promise<Uint8Array> {
  const res = await s3().send(new GetObjectCommand({ Bucket: buckets().assets, Key: key, Range: "bytes=0-63" }));
  return (await res.Body?.transformToByteArray()) ?? new Uint8Array();
}

/** Why the uploaded object is not the asset that was declared, or null when it is. */
async function problemWith(row: AssetRow, size: number): Promise<string | null> {
  if (Math.abs(size - row.sizeBytes) > row.sizeBytes * SIZE_TOLERANCE) {
    return `The uploaded file has ${size} bytes; ${row.sizeBytes} were declared.`;
  }
  const actual = sniffContentType(await firstBytes(row.s3Key));
  if (actual !== row.contentType) return `The uploaded file is ${actual ?? "not a supported type"}, not ${row.contentType}.`;
  return null;
}

export async function confirmUpload(db: Db, principal: Principal, id: string) {
  const row = await loadVisibleAsset(db, principal, id);
  if (row.uploadedBy !== principal.user.id) throw AppError.forbidden("Only the person who uploaded the file can confirm it.");
  if (row.status === "ready") return toAssetResponse(row);
  if (row.status === "failed") throw new AppError("INVALID_STATE", "This upload failed; request a new upload URL.", { reason: (row.metadata as { error?: string }).error });
  const size = await headObject(row.s3Key);
  if (size === null) throw new AppError("INVALID_STATE", "The file has not been uploaded yet: PUT it to the upload URL, then confirm.");
  const problem = await problemWith(row, size);
  const updated = await db.transaction(async (tx) => {
    const [u] = await tx
      .update(assetFiles)
      .set(problem ? { status: "failed", metadata: { error: problem } } : { status: "ready", sizeBytes: size, metadata: { verified_content_type: row.contentType } })
      .where(and(eq(assetFiles.id, id), eq(assetFiles.status, "pending")))
      .returning();
    if (u && !problem) await adjustStorage(tx, row.owner, size);
    return u;
  });
  if (!updated) return toAssetResponse((await loadVisibleAsset(db, principal, id)));
  if (problem) {
    await s3().send(new DeleteObjectCommand({ Bucket: buckets().assets, Key: row.s3Key })).catch((err: unknown) => log.warn({ err, id }, "removing a failed upload"));
    throw new AppError("VALIDATION_ERROR", problem, { errors: [{ path: "file", message: problem }], asset: toAssetResponse(updated) });
  }
  return toAssetResponse(updated);
}

export async function listAssets(db: Db, principal: Principal, q: ListAssetsQuery) {
  const scope = await ownersInScope(db, principal, q.owner);
  if (scope.length === 0) return { data: [], next_cursor: null };
  const cursor = decodeCursor(q.cursor);
  const rows = await db
    .select()
    .from(assetFiles)
    .where(
      and(
        inArray(assetFiles.owner, scope),
        q.project_id ? eq(assetFiles.projectId, q.project_id) : undefined,
        q.content_type ? like(assetFiles.contentType, `${q.content_type.replace(/[%_\\]/g, "")}%`) : undefined,
        q.status ? eq(assetFiles.status, q.status) : undefined,
        afterCursor(cursor, assetFiles.createdAt, assetFiles.id),
      ),
    )
    .orderBy(desc(assetFiles.createdAt), desc(assetFiles.id))
    .limit(q.limit + 1);
  return page(rows, q.limit, (r) => toAssetResponse(r));
}

export async function getAsset(db: Db, principal: Principal, id: string) {
  const row = await loadVisibleAsset(db, principal, id);
  if (row.status !== "ready") return toAssetResponse(row);
  const downloadUrl = await getSignedUrl(s3Public(), new GetObjectCommand({ Bucket: buckets().assets, Key: row.s3Key }), { expiresIn: DOWNLOAD_URL_SECONDS });
  return toAssetResponse(row, { download_url: downloadUrl });
}

/** The uploader, or an owner/admin of the asset's team. */
async function assertMayDelete(db: DbOrTx, principal: Principal, row: AssetRow) {
  if (row.uploadedBy === principal.user.id) return;
  const urn = parseUrn(row.owner);
  if (urn && urn.kind !== "user") {
    const access = await ownerAccess(db, principal.user, teamUrn(urn.teamId));
    if (access.ok && (access.role === "owner" || access.role === "admin")) return;
  }
  throw AppError.forbidden("Only the person who uploaded this file or a team owner/admin can delete it.");
}

export async function deleteAsset(db: Db, principal: Principal, id: string): Promise<void> {
  const row = await loadVisibleAsset(db, principal, id);
  await assertMayDelete(db, principal, row);
  await s3()
    .send(new DeleteObjectCommand({ Bucket: buckets().assets, Key: row.s3Key }))
    .catch((err: unknown) => {
      log.error({ err, id }, "deleting an asset object failed");
      throw new AppError("SERVICE_UNAVAILABLE", "Storage is unavailable; the asset was not deleted. Try again.");
    });
  await db.transaction(async (tx) => {
    const [gone] = await tx.delete(assetFiles).where(eq(assetFiles.id, id)).returning();
    if (gone?.status === "ready") await adjustStorage(tx, gone.owner, -gone.sizeBytes);
  });
}

/**
 * Uploads never confirmed (pending) or refused (failed) for longer than `hours`: their objects and
 * rows go (`just cleanup`). Ready assets are never touched. Returns how many were removed.
 */
export async function purgeStaleUploads(db: Db, hours = 24): Promise<number> {
  const stale = await db
    .select({ id: assetFiles.id, key: assetFiles.s3Key })
    .from(assetFiles)
    .where(and(inArray(assetFiles.status, ["pending", "failed"]), lt(assetFiles.createdAt, new Date(Date.now() - hours * 3600_000))));
  for (const a of stale) {
    await s3().send(new DeleteObjectCommand({ Bucket: buckets().assets, Key: a.key })); // S3 deletes of missing keys succeed
    await db.delete(assetFiles).where(and(eq(assetFiles.id, a.id), inArray(assetFiles.status, ["pending", "failed"])));
  }
  return stale.length;
}
