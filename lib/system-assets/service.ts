import { GetObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { buckets, s3Public } from "@/lib/storage/s3";
import { findSystemAsset, selectSystemAssets } from "./queries";
import { toSystemAssetResponse, type ListSystemAssetsQuery } from "./schemas";

/** Presigned preview URLs of system assets live 24 h (spec part 4 §5). */
export const PREVIEW_URL_SECONDS = 24 * 60 * 60;

/** The list cursor: opaque, a keyset over the id (the catalog is ordered by id). */
export function encodeIdCursor(id: string): string {
  return Buffer.from(JSON.stringify({ id })).toString("base64url");
}

export function decodeIdCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { id?: unknown };
    if (typeof v.id !== "string" || !v.id) throw new Error();
    return v.id;
  } catch {
    throw AppError.validation([{ path: "cursor", message: "Invalid cursor." }]);
  }
}

export async function listSystemAssets(db: DbOrTx, q: ListSystemAssetsQuery) {
  const rows = await selectSystemAssets(db, { category: q.category, tag: q.tag, afterId: decodeIdCursor(q.cursor), limit: q.limit });
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  return { data: page.map(toSystemAssetResponse), next_cursor: more ? encodeIdCursor(page[page.length - 1]!.id) : null };
}

export async function getSystemAsset(db: DbOrTx, id: string) {
  const row = await findSystemAsset(db, id);
  if (!row) throw AppError.notFound("System asset");
  const preview_url = await getSignedUrl(s3Public(), new GetObjectCommand({ Bucket: buckets().system, Key: row.s3Key }), {
    expiresIn: PREVIEW_URL_SECONDS,
  });
  return { ...toSystemAssetResponse(row), preview_url };
}
