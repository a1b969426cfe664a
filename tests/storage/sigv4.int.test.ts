/**
 * The embedded S3 store refuses every request without a valid SigV4 signature by its credentials
 * (issue 8 item 1): real HTTP against the store the integration run starts (tests/global-setup.ts).
 */
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { SignatureV4 } from "@smithy/signature-v4";
import { beforeAll, describe, expect, it } from "vitest";
import { NodeSha256 } from "@/lib/storage/sigv4-verify";

const endpoint = () => process.env.S3_ENDPOINT!;
const credentials = () => ({ accessKeyId: process.env.S3_ACCESS_KEY_ID!, secretAccessKey: process.env.S3_SECRET_ACCESS_KEY! });
const Bucket = "framecast-assets";
const key = `sigv4-test/${crypto.randomUUID()}/hello.txt`;
const content = "hello, signed world";

function client(creds = credentials()) {
  return new S3Client({
    region: "us-east-1",
    endpoint: endpoint(),
    forcePathStyle: true,
    credentials: creds,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

async function expectS3Error(res: Response, status: number, code: string) {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  expect(res.headers.get("content-type")).toContain("xml");
  expect(body).toContain(`<Error><Code>${code}</Code>`);
}

/** One character of the signature changed (still 64 hex digits). */
function forge(url: string): string {
  const u = new URL(url);
  const sig = u.searchParams.get("X-Amz-Signature")!;
  u.searchParams.set("X-Amz-Signature", (sig[0] === "a" ? "b" : "a") + sig.slice(1));
  return u.toString();
}

const putUrl = (type: string, length: number, opts: { expiresIn?: number; signingDate?: Date } = {}) =>
  getSignedUrl(client(), new PutObjectCommand({ Bucket, Key: key, ContentType: type, ContentLength: length }), {
    expiresIn: opts.expiresIn ?? 900,
    ...(opts.signingDate ? { signingDate: opts.signingDate } : {}),
    signableHeaders: new Set(["content-type", "content-length"]),
  });

beforeAll(async () => {
  await client().send(new PutObjectCommand({ Bucket, Key: key, Body: content, ContentType: "text/plain" }));
});

describe("unsigned requests", () => {
  it("are refused with S3's 403 AccessDenied XML: list, get, put, delete", async () => {
    await expectS3Error(await fetch(`${endpoint()}/${Bucket}`), 403, "AccessDenied");
    await expectS3Error(await fetch(`${endpoint()}/framecast-outputs?list-type=2`), 403, "AccessDenied");
    await expectS3Error(await fetch(`${endpoint()}/${Bucket}/${key}`), 403, "AccessDenied");
    await expectS3Error(await fetch(`${endpoint()}/${Bucket}/${key}`, { method: "PUT", body: "overwritten" }), 403, "AccessDenied");
    await expectS3Error(await fetch(`${endpoint()}/${Bucket}/${key}`, { method: "DELETE" }), 403, "AccessDenied");
    const still = await client().send(new GetObjectCommand({ Bucket, Key: key }));
    expect(await still.Body!.transformToString()).toBe(content);
  });

  it("except CORS preflights, which browsers send unsigned", async () => {
    const res = await fetch(`${endpoint()}/${Bucket}/${key}`, {
      method: "OPTIONS",
      headers: { Origin: "http://localhost:3000", "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "content-type" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeTruthy();
  });
});

describe("signed with the SDK", () => {
  it("put, get, list and delete work", async () => {
    const k = `sigv4-test/${crypto.randomUUID()}/a b+c.txt`;
    await client().send(new PutObjectCommand({ Bucket, Key: k, Body: Buffer.from("bytes"), ContentType: "text/plain" }));
    const got = await client().send(new GetObjectCommand({ Bucket, Key: k }));
    expect(await got.Body!.transformToString()).toBe("bytes");
    const list = await client().send(new ListObjectsV2Command({ Bucket, Prefix: k }));
    expect(list.Contents?.map((o) => o.Key)).toEqual([k]);
    await client().send(new DeleteObjectCommand({ Bucket, Key: k }));
    const after = await client().send(new ListObjectsV2Command({ Bucket, Prefix: k }));
    expect(after.KeyCount).toBe(0);
  });

  it("with another secret or an unknown access key are refused", async () => {
    const wrongSecret = client({ ...credentials(), secretAccessKey: "not-the-secret" });
    await expect(wrongSecret.send(new GetObjectCommand({ Bucket, Key: key }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 }, name: "SignatureDoesNotMatch" });
    const otherKey = client({ accessKeyId: "AKIAOTHER", secretAccessKey: credentials().secretAccessKey });
    await expect(otherKey.send(new ListObjectsV2Command({ Bucket }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 }, name: "InvalidAccessKeyId" });
  });

  it("a body that is not the one whose SHA-256 was signed is refused", async () => {
    const url = new URL(`${endpoint()}/${Bucket}/${key}`);
    const signer = new SignatureV4({ credentials: credentials(), region: "us-east-1", service: "s3", sha256: NodeSha256, uriEscapePath: false });
    const signed = await signer.sign({
      method: "PUT",
      protocol: "http:",
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: {},
      headers: { host: url.host, "content-type": "text/plain" },
      body: "the signed body",
    });
    const headers = signed.headers as Record<string, string>;
    expect(headers["x-amz-content-sha256"]).toMatch(/^[0-9a-f]{64}$/);
    const res = await fetch(url, { method: "PUT", headers, body: "another body!!!" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("<Code>XAmzContentSHA256Mismatch</Code>");
    const ok = await fetch(url, { method: "PUT", headers, body: "the signed body" });
    expect(ok.status).toBe(200);
    await client().send(new PutObjectCommand({ Bucket, Key: key, Body: content, ContentType: "text/plain" }));
  });
});

describe("presigned URLs", () => {
  it("a valid GET works; one signature character changed → 403 SignatureDoesNotMatch", async () => {
    const url = await getSignedUrl(client(), new GetObjectCommand({ Bucket, Key: key }), { expiresIn: 60 });
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe(content);
    await expectS3Error(await fetch(forge(url)), 403, "SignatureDoesNotMatch");
  });

  it("another key or bucket than the one signed → 403", async () => {
    const url = new URL(await getSignedUrl(client(), new GetObjectCommand({ Bucket, Key: key }), { expiresIn: 60 }));
    url.pathname = `/${Bucket}`;
    await expectS3Error(await fetch(url), 403, "SignatureDoesNotMatch");
    url.pathname = `/framecast-outputs/${key}`;
    await expectS3Error(await fetch(url), 403, "SignatureDoesNotMatch");
  });

  it("an expired URL → 403 AccessDenied", async () => {
    const url = await getSignedUrl(client(), new GetObjectCommand({ Bucket, Key: key }), { expiresIn: 60, signingDate: new Date(Date.now() - 10 * 60_000) });
    await expectS3Error(await fetch(url), 403, "AccessDenied");
  });

  it("a valid PUT stores the bytes; an expired or forged one does not", async () => {
    const body = "new content";
    const url = await putUrl("text/plain", body.length);
    await expectS3Error(await fetch(forge(url), { method: "PUT", headers: { "Content-Type": "text/plain" }, body }), 403, "SignatureDoesNotMatch");
    const expired = await putUrl("text/plain", body.length, { expiresIn: 5, signingDate: new Date(Date.now() - 60_000) });
    await expectS3Error(await fetch(expired, { method: "PUT", headers: { "Content-Type": "text/plain" }, body }), 403, "AccessDenied");
    const res = await fetch(url, { method: "PUT", headers: { "Content-Type": "text/plain" }, body });
    expect(res.status).toBe(200);
    const got = await client().send(new GetObjectCommand({ Bucket, Key: key }));
    expect(await got.Body!.transformToString()).toBe(body);
  });

  it("a PUT with another content type or length than signed → 403", async () => {
    const url = await putUrl("image/png", 8);
    await expectS3Error(await fetch(url, { method: "PUT", headers: { "Content-Type": "text/html" }, body: "12345678" }), 403, "SignatureDoesNotMatch");
    await expectS3Error(await fetch(url, { method: "PUT", headers: { "Content-Type": "image/png" }, body: "123456789" }), 403, "SignatureDoesNotMatch");
    const got = await client().send(new GetObjectCommand({ Bucket, Key: key }));
    expect(await got.Body!.transformToString()).not.toContain("12345678");
  });
});
