import { DeleteObjectsCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { s3 } from "./s3";

/** Deletes every object under `prefix` in `bucket`, a page (≤ 1,000) at a time; returns the bytes removed. */
export async function deletePrefix(Bucket: string, Prefix: string): Promise<number> {
  let bytes = 0;
  let token: string | undefined;
  do {
    const page = await s3().send(new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken: token }));
    const objects = page.Contents ?? [];
    bytes += objects.reduce((n, o) => n + (o.Size ?? 0), 0);
    if (objects.length) {
      await s3().send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: objects.map((o) => ({ Key: o.Key! })) } }));
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return bytes;
}
