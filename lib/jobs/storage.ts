import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { buckets, s3, s3Public } from "@/lib/storage/s3";
import { parseUrn } from "@/lib/urn";

/** Output URLs live 1 hour (spec part 4 §5). */
export const OUTPUT_URL_SECONDS = 3600;

/** `user/<user_id>/jobs/<job_id>/`, `team/<team_id>/<user_id>/jobs/…`, `team/<team_id>/shared/jobs/…` */
export function jobPrefix(owner: string, jobId: string): string {
  const urn = parseUrn(owner);
  if (!urn) throw new Error(`bad owner URN ${owner}`);
  if (urn.kind === "user") return `user/${urn.userId}/jobs/${jobId}/`;
  if (urn.kind === "membership") return `team/${urn.teamId}/${urn.userId}/jobs/${jobId}/`;
  return `team/${urn.teamId}/shared/jobs/${jobId}/`;
}

export const sceneClipKey = (owner: string, jobId: string, sceneId: string) => `${jobPrefix(owner, jobId)}scene_${sceneId}.mp4`;

export function presignOutput(key: string): Promise<string> {
  return getSignedUrl(s3Public(), new GetObjectCommand({ Bucket: buckets().outputs, Key: key }), { expiresIn: OUTPUT_URL_SECONDS });
}

/** Deletes every object under the job's prefix; returns the bytes removed. */
export async function deleteJobObjects(owner: string, jobId: string): Promise<number> {
  const Bucket = buckets().outputs;
  const Prefix = jobPrefix(owner, jobId);
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
