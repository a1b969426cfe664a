import { HeadBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { config } from "@/lib/config";

let client: S3Client | undefined;
let publicClient: S3Client | undefined;

function makeClient(endpoint: string | undefined): S3Client {
  const c = config();
  return new S3Client({
    region: c.S3_REGION,
    endpoint,
    forcePathStyle: c.S3_FORCE_PATH_STYLE || !!endpoint,
    credentials:
      c.S3_ACCESS_KEY_ID && c.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: c.S3_ACCESS_KEY_ID, secretAccessKey: c.S3_SECRET_ACCESS_KEY }
        : undefined,
    // Without these, stream uploads to S3-compatible servers can be stored with aws-chunked
    // framing, and presigned PUTs carry checksum parameters browsers cannot satisfy.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

/** The S3 client the server talks to. */
export function s3(): S3Client {
  client ??= makeClient(config().S3_ENDPOINT);
  return client;
}

/** The client used to presign URLs that browsers open (S3_PUBLIC_ENDPOINT if the server-side one differs). */
export function s3Public(): S3Client {
  const c = config();
  if (!c.S3_PUBLIC_ENDPOINT || c.S3_PUBLIC_ENDPOINT === c.S3_ENDPOINT) return s3();
  publicClient ??= makeClient(c.S3_PUBLIC_ENDPOINT);
  return publicClient;
}

export function buckets() {
  const c = config();
  return { outputs: c.S3_BUCKET_OUTPUTS, assets: c.S3_BUCKET_ASSETS, system: c.S3_BUCKET_SYSTEM ?? c.S3_BUCKET_ASSETS };
}

/** Whether every configured bucket answers, within `timeoutMs`. */
export async function storageReachable(timeoutMs = 2000): Promise<boolean> {
  const names = [...new Set(Object.values(buckets()))];
  try {
    await Promise.all(
      names.map((Bucket) => s3().send(new HeadBucketCommand({ Bucket }), { abortSignal: AbortSignal.timeout(timeoutMs) })),
    );
    return true;
  } catch {
    return false;
  }
}
