/** Moving clips and reference images between S3 and local files, streaming (no whole-file buffers). */
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";

export interface ObjectRef {
  bucket: string;
  key: string;
}

export async function downloadObject(client: S3Client, ref: ObjectRef, file: string, signal?: AbortSignal): Promise<void> {
  const res = await client.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key }), { abortSignal: signal });
  if (!res.Body) throw new Error(`s3://${ref.bucket}/${ref.key} has no body`);
  await pipeline(res.Body as Readable, createWriteStream(file), { signal });
}

export async function uploadFile(client: S3Client, file: string, ref: ObjectRef, contentType: string, signal?: AbortSignal): Promise<void> {
  const { size } = await fs.stat(file);
  await client.send(
    new PutObjectCommand({ Bucket: ref.bucket, Key: ref.key, Body: createReadStream(file), ContentLength: size, ContentType: contentType }),
    { abortSignal: signal },
  );
}
