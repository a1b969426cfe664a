/**
 * Asset files (spec part 2 §3, part 4 §5): `upload-url` creates the row (pending) and a presigned
 * PUT of the staging key, bound to the content type and length; the client PUTs straight to S3;
 * `confirm` (./confirm.ts) moves the object to its final key and checks it there. Deleting is
 * refused while a queued or processing job uses the asset.
 */
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { and, desc, eq, gt, inArray, like, lt } from "drizzle-orm";
import { assetFiles, projects } from "@/drizzle/schema";
import type { Principal } from "@/lib/auth/principal";
import type { Db, DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { afterCursor, decodeCursor, page } from "@/lib/http/pagination";
import { activeJobsUsing } from "@/lib/jobs/assets";
import { log } from "@/lib/log";
import { adjustStorage } from "@/lib/storage/counters";
import { ownerPrefix } from "@/lib/storage/keys";
import { buckets, s3, s3Public } from "@/lib/storage/s3";
import { parseUrn, teamUrn } from "@/lib/urn";
import { ownerAccess, ownersInScope, resolveWriteOwner, visibleOwners } from "@/lib/urn/access";
import { toAssetResponse, type AssetRow, type ListAssetsQuery, type UploadRequest } from "./schemas";
import { deleteAssetObjects, stagingKey } from "./objects";
import { safeFilename } from "./sniff";

export const UPLOAD_URL_SECONDS = 15 * 60;
export const DOWNLOAD_URL_SECONDS = 60 * 60;

/** X3: a project's asset is owned by the project's team URN (and the caller must be OAM there). */
async function ownerFor(db: DbOrTx, principal: Principal, req: UploadRequest) {
  if (!req.project_id) return resolveWriteOwner(db, principal, req.owner, "upload assets");
  const [project] = await db.select({ teamId: projects.teamId }).from(projects).where(eq(projects.id, req.project_id));
  const owner = project ? teamUrn(project.teamId) : null;
  // A project of a team the caller (or a team key) cannot see is as unknown as a missing one.
  if (!owner || !(await visibleOwners(db, principal)).includes(owner)) throw AppError.notFound("Project");
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
    new PutObjectCommand({ Bucket: buckets().assets, Key: stagingKey(row!), ContentType: req.content_type, ContentLength: req.size_bytes }),
    { expiresIn: UPLOAD_URL_SECONDS, signableHeaders: new Set(["content-type", "content-length"]) },
  );
  return { asset: toAssetResponse(row!), upload_url: uploadUrl, upload_headers: { "Content-Type": req.content_type } };
}

export async function loadVisibleAsset(db: DbOrTx, principal: Principal, id: string): Promise<AssetRow> {
  const owners = await visibleOwners(db, principal);
  const [row] = await db
    .select()
    .from(assetFiles)
    .where(and(eq(assetFiles.id, id), inArray(assetFiles.owner, owners)));
  if (!row) throw AppError.notFound("Asset");
  return row;
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

/** 409 ASSET_IN_USE while a queued or processing job uses the asset (details: the jobs the caller can see). */
async function assertNotInUse(tx: DbOrTx, principal: Principal, id: string) {
  const using = await activeJobsUsing(tx, id);
  if (using.length === 0) return;
  const owners = new Set(await visibleOwners(tx, principal));
  throw new AppError("ASSET_IN_USE", "A queued or processing job uses this asset; delete it once the job has finished.", {
    job_ids: using.filter((j) => owners.has(j.owner)).map((j) => j.id),
  });
}

export async function deleteAsset(db: Db, principal: Principal, id: string): Promise<void> {
  const row = await loadVisibleAsset(db, principal, id);
  await assertMayDelete(db, principal, row);
  // Under the row lock, so a confirm cannot run in between.
  await db.transaction(async (tx) => {
    const [locked] = await tx.select().from(assetFiles).where(eq(assetFiles.id, id)).for("update");
    if (!locked) return;
    await assertNotInUse(tx, principal, id);
    await deleteAssetObjects(locked).catch((err: unknown) => {
      log.error({ err, id }, "deleting an asset object failed");
      throw new AppError("SERVICE_UNAVAILABLE", "Storage is unavailable; the asset was not deleted. Try again.");
    });
    await tx.delete(assetFiles).where(eq(assetFiles.id, id));
    if (locked.status === "ready") await adjustStorage(tx, locked.owner, -locked.sizeBytes);
  });
}

/**
 * Uploads never confirmed (pending) or refused (failed) for longer than `hours`: their objects
 * (final and staging) and rows go (`just cleanup`). Ready assets keep their file; only a staging
 * object PUT again after confirm (possible until the upload URL expires) is removed, for assets
 * uploaded within the last two days. Returns how many uploads were removed.
 */
export async function purgeStaleUploads(db: Db, hours = 24): Promise<number> {
  const stale = await db
    .select({ id: assetFiles.id, owner: assetFiles.owner, s3Key: assetFiles.s3Key })
    .from(assetFiles)
    .where(and(inArray(assetFiles.status, ["pending", "failed"]), lt(assetFiles.createdAt, new Date(Date.now() - hours * 3600_000))));
  for (const a of stale) {
    await deleteAssetObjects(a);
    await db.delete(assetFiles).where(and(eq(assetFiles.id, a.id), inArray(assetFiles.status, ["pending", "failed"])));
  }
  const settled = await db
    .select({ owner: assetFiles.owner, s3Key: assetFiles.s3Key })
    .from(assetFiles)
    .where(and(eq(assetFiles.status, "ready"), gt(assetFiles.createdAt, new Date(Date.now() - 48 * 3600_000)), lt(assetFiles.createdAt, new Date(Date.now() - UPLOAD_URL_SECONDS * 1000))));
  for (const a of settled) await s3().send(new DeleteObjectCommand({ Bucket: buckets().assets, Key: stagingKey(a) }));
  return stale.length;
}
