/**
 * An asset's two objects: the client uploads to its staging key (the presigned PUT), `confirm`
 * copies that to the final key, which only the server writes and every download reads.
 */
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import { buckets, s3 } from "@/lib/storage/s3";

/** Every staging object lives under this prefix, so one bucket lifecycle rule can expire them. */
export const STAGING_PREFIX = "staging/";

/** `<owner prefix>/assets/<id>/<file>` → `staging/<owner prefix>/assets/<id>/<file>`. */
export function stagingKey(asset: { s3Key: string }): string {
  return `${STAGING_PREFIX}${asset.s3Key}`;
}

/** The object's size, or null when it does not exist. */
export async function objectSize(key: string): Promise<number | null> {
  try {
    const head = await s3().send(new HeadObjectCommand({ Bucket: buckets().assets, Key: key }));
    return head.ContentLength ?? 0;
  } catch (err) {
    const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === "NotFound" || e.name === "NoSuchKey" || e.$metadata?.httpStatusCode === 404) return null;
    throw err;
  }
}

export async function firstBytes(key: string): Promise<Uint8Array> {
  const res = await s3().send(new GetObjectCommand({ Bucket: buckets().assets, Key: key, Range: "bytes=0-63" }));
  return (await res.Body?.transformToByteArray()) ?? new Uint8Array();
}

/** Deletes the asset's final and staging objects (deleting a missing key succeeds). */
export async function deleteAssetObjects(asset: { owner: string; s3Key: string }): Promise<void> {
  for (const Key of [asset.s3Key, stagingKey(asset)]) {
    await s3().send(new DeleteObjectCommand({ Bucket: buckets().assets, Key }));
  }
}

/**
 * Moves what the client uploaded to the final key (copy, then delete the staging object) and
 * returns the final object's size, or null when nothing was uploaded. When a previous attempt
 * already moved it, the final object is used as it is.
 */
export async function promoteUpload(asset: { owner: string; s3Key: string }): Promise<number | null> {
  const Bucket = buckets().assets;
  const staged = stagingKey(asset);
  if ((await objectSize(staged)) !== null) {
    await s3().send(new CopyObjectCommand({ Bucket, Key: asset.s3Key, CopySource: encodeURI(`${Bucket}/${staged}`) }));
    await s3().send(new DeleteObjectCommand({ Bucket, Key: staged }));
  }
  return objectSize(asset.s3Key);
}
