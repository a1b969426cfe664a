/** Asset files (spec part 2 §3, part 4 §5): presigned upload → confirm → ready, against real S3 and PostgreSQL. */
import { HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { itConcurrent } from "../helpers/concurrency";
import * as assets from "@/app/v1/assets/route";
import * as one from "@/app/v1/assets/[id]/route";
import * as confirm from "@/app/v1/assets/[id]/confirm/route";
import * as uploadUrl from "@/app/v1/assets/upload-url/route";
import * as validate from "@/app/v1/spec/validate/route";
import * as teamProjects from "@/app/v1/teams/[id]/projects/route";
import { db } from "@/lib/db/client";
import { buckets, s3 } from "@/lib/storage/s3";
import { teamUrn, userUrn } from "@/lib/urn";
import { addMember, creatorWithTeam, starter } from "../helpers/fixtures";
import { call } from "../helpers/http";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

async function requestUpload(token: string, body: Record<string, unknown>) {
  return call(uploadUrl.POST, { method: "POST", token, body: { filename: "keeper.png", content_type: "image/png", size_bytes: PNG.length, ...body } });
}

async function put(url: string, headers: Record<string, string>, bytes: Buffer) {
  return fetch(url, { method: "PUT", headers, body: new Uint8Array(bytes) });
}

async function download(token: string, id: string): Promise<Buffer> {
  const got = await call(one.GET, { token, params: { id } });
  expect(got.status, got.text).toBe(200);
  return Buffer.from(await (await fetch(got.json.download_url)).arrayBuffer());
}

async function storage(userId: string) {
  const [row] = await db().execute<{ bytes: number }>(sql`select ephemeral_storage_bytes::int as bytes from users where id = ${userId}`);
  return row!.bytes;
}

async function uploaded(token: string, bytes = PNG, body: Record<string, unknown> = {}) {
  const res = await requestUpload(token, { size_bytes: bytes.length, ...body });
  expect(res.status, res.text).toBe(201);
  expect((await put(res.json.upload_url, res.json.upload_headers, bytes)).status).toBe(200);
  return res.json.asset as { id: string; owner: string };
}

describe("asset uploads", () => {
  it("upload-url → PUT → confirm: ready, counted once in storage, downloadable, usable as a reference image", async () => {
    const s = await starter();
    const res = await requestUpload(s.token, { filename: "../../Keeper Photo (1).PNG" });
    expect(res.status).toBe(201);
    expect(res.json.asset).toMatchObject({ owner: userUrn(s.sub), status: "pending", filename: "../../Keeper Photo (1).PNG", size_bytes: PNG.length });
    expect(res.json.upload_headers).toEqual({ "Content-Type": "image/png" });
    expect(res.json.upload_url).toMatch(/X-Amz-Expires=900/);
    expect((await put(res.json.upload_url, res.json.upload_headers, PNG)).status).toBe(200);
    const id = res.json.asset.id as string;
    const [row] = await db().execute<{ s3_key: string }>(sql`select s3_key from asset_files where id = ${id}`);
    expect(row!.s3_key).toBe(`user/${s.sub}/assets/${id}/keeper-photo-1.png`);

    const confirmed = await call(confirm.POST, { method: "POST", token: s.token, params: { id } });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.json).toMatchObject({ status: "ready", size_bytes: PNG.length });
    expect(await storage(s.sub)).toBe(PNG.length);
    // confirming again changes nothing
    expect((await call(confirm.POST, { method: "POST", token: s.token, params: { id } })).json.status).toBe("ready");
    expect(await storage(s.sub)).toBe(PNG.length);

    const got = await call(one.GET, { token: s.token, params: { id } });
    expect(Buffer.from(await (await fetch(got.json.download_url)).arrayBuffer())).toEqual(PNG);
    const listed = await call(assets.GET, { token: s.token, path: "/v1/assets?content_type=image/&status=ready" });
    expect(listed.json.data.map((a: { id: string }) => a.id)).toEqual([id]);
    expect((await call(assets.GET, { token: s.token, path: "/v1/assets?content_type=audio/" })).json.data).toEqual([]);

    const spec = { title: "t", symbols: { keeper: { prompt: "a keeper", reference_images: [{ asset_id: id }] } }, scenes: [{ id: "a", prompt: "@keeper waves", duration: 3 }] };
    expect((await call(validate.POST, { method: "POST", token: s.token, body: spec })).json.valid).toBe(true);
    // someone else can neither see it nor use it
    const other = await starter();
    expect((await call(one.GET, { token: other.token, params: { id } })).status).toBe(404);
    expect((await call(validate.POST, { method: "POST", token: other.token, body: spec })).json.valid).toBe(false);
  });

  it("confirm before the upload: 409 INVALID_STATE and still pending", async () => {
    const s = await starter();
    const res = await requestUpload(s.token, {});
    const early = await call(confirm.POST, { method: "POST", token: s.token, params: { id: res.json.asset.id } });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe("INVALID_STATE");
    expect((await call(one.GET, { token: s.token, params: { id: res.json.asset.id } })).json.status).toBe("pending");
  });

  it("bytes of another type, or a size off by more than 5 %: 422, failed, the object removed, nothing counted", async () => {
    const s = await starter();
    const wrongType = await uploaded(s.token, JPEG, { content_type: "image/png" });
    const res = await call(confirm.POST, { method: "POST", token: s.token, params: { id: wrongType.id } });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toContain("image/jpeg, not image/png");
    const [row] = await db().execute<{ status: string; s3_key: string }>(sql`select status, s3_key from asset_files where id = ${wrongType.id}`);
    expect(row!.status).toBe("failed");
    await expect(s3().send(new HeadObjectCommand({ Bucket: buckets().assets, Key: row!.s3_key }))).rejects.toThrow();
    expect((await call(confirm.POST, { method: "POST", token: s.token, params: { id: wrongType.id } })).status).toBe(409);

    // a client that wrote a different size (straight to storage, past the signed length)
    const declared = await requestUpload(s.token, { size_bytes: 1000 });
    const uploadKey = decodeURIComponent(new URL(declared.json.upload_url).pathname.split("/").slice(2).join("/"));
    await s3().send(new PutObjectCommand({ Bucket: buckets().assets, Key: uploadKey, Body: PNG, ContentType: "image/png" }));
    const sized = await call(confirm.POST, { method: "POST", token: s.token, params: { id: declared.json.asset.id } });
    expect(sized.status).toBe(422);
    expect(sized.json.error.message).toContain("1000 were declared");
    expect(await storage(s.sub)).toBe(0);
  });

  it("after confirm, other bytes PUT to the old upload URL change nothing a download serves", async () => {
    const s = await starter();
    const res = await requestUpload(s.token, {});
    expect((await put(res.json.upload_url, res.json.upload_headers, PNG)).status).toBe(200);
    const id = res.json.asset.id as string;
    expect((await call(confirm.POST, { method: "POST", token: s.token, params: { id } })).status).toBe(200);
    // same signed type and length, other bytes: whatever the store answers, the asset keeps its file
    const swapped = Buffer.alloc(PNG.length, 0x41);
    await put(res.json.upload_url, res.json.upload_headers, swapped);
    expect(await download(s.token, id)).toEqual(PNG);
    expect((await call(confirm.POST, { method: "POST", token: s.token, params: { id } })).json.status).toBe("ready");
    expect(await download(s.token, id)).toEqual(PNG);
    const [row] = await db().execute<{ s3_key: string }>(sql`select s3_key from asset_files where id = ${id}`);
    const served = await s3().send(new HeadObjectCommand({ Bucket: buckets().assets, Key: row!.s3_key }));
    expect(served.ContentLength).toBe(PNG.length);
    expect(new URL(res.json.upload_url).pathname).toBe(`/${buckets().assets}/staging/${row!.s3_key}`);
  });

  it("upload-url with the project of a team the caller is not in → 404, exactly like an unknown project", async () => {
    const c = await creatorWithTeam();
    const project = await call(teamProjects.POST, { method: "POST", token: c.token, params: { id: c.teamId }, body: { name: "Secret" } });
    expect(project.status, project.text).toBe(201);
    const projectId = (project.json.project ?? project.json).id as string;
    const outsider = await creatorWithTeam();
    const unknown = await requestUpload(outsider.token, { project_id: crypto.randomUUID() });
    const hidden = await requestUpload(outsider.token, { project_id: projectId });
    expect(unknown.status).toBe(404);
    expect(hidden.status).toBe(404);
    expect(hidden.json.error).toEqual(unknown.json.error);
    const s = await starter();
    expect((await requestUpload(s.token, { project_id: projectId })).json.error).toEqual(unknown.json.error);
    // members still get their project's URN (and viewers the 403 of their role)
    expect((await requestUpload(c.token, { project_id: projectId })).json.asset.owner).toBe(teamUrn(c.teamId));
    const viewer = await addMember(c.teamId, "viewer");
    expect((await requestUpload(viewer.token, { project_id: projectId })).status).toBe(403);
  });

  itConcurrent("20 simultaneous confirms count the bytes once", async () => {
    const s = await starter();
    const asset = await uploaded(s.token);
    const results = await Promise.all(Array.from({ length: 20 }, () => call(confirm.POST, { method: "POST", token: s.token, params: { id: asset.id } })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(await storage(s.sub)).toBe(PNG.length);
  });

  it("delete: the object goes and the storage comes back; others get 404", async () => {
    const s = await starter();
    const asset = await uploaded(s.token);
    await call(confirm.POST, { method: "POST", token: s.token, params: { id: asset.id } });
    const other = await starter();
    expect((await call(one.DELETE, { method: "DELETE", token: other.token, params: { id: asset.id } })).status).toBe(404);
    expect((await call(one.DELETE, { method: "DELETE", token: s.token, params: { id: asset.id } })).status).toBe(204);
    expect(await storage(s.sub)).toBe(0);
    expect((await call(one.GET, { token: s.token, params: { id: asset.id } })).status).toBe(404);
  });

  it("teams: members upload to the team URN, viewers cannot; an admin may delete a member's asset, another member may not", async () => {
    const c = await creatorWithTeam();
    const member = await addMember(c.teamId, "member");
    const viewer = await addMember(c.teamId, "viewer");
    const other = await addMember(c.teamId, "member");
    expect((await requestUpload(viewer.token, { owner: teamUrn(c.teamId) })).status).toBe(403);
    const asset = await uploaded(member.token, PNG, { owner: teamUrn(c.teamId) });
    expect(asset.owner).toBe(teamUrn(c.teamId));
    expect((await call(confirm.POST, { method: "POST", token: other.token, params: { id: asset.id } })).status).toBe(403);
    await call(confirm.POST, { method: "POST", token: member.token, params: { id: asset.id } });
    const [team] = await db().execute<{ bytes: number }>(sql`select ephemeral_storage_bytes::int as bytes from teams where id = ${c.teamId}`);
    expect(team!.bytes).toBe(PNG.length);
    expect((await call(one.GET, { token: viewer.token, params: { id: asset.id } })).status).toBe(200);
    expect((await call(one.DELETE, { method: "DELETE", token: other.token, params: { id: asset.id } })).status).toBe(403);
    expect((await call(one.DELETE, { method: "DELETE", token: c.token, params: { id: asset.id } })).status).toBe(204);
    // a starter cannot use a team URN
    const s = await starter();
    expect((await requestUpload(s.token, { owner: teamUrn(c.teamId) })).status).toBe(403);
  });

  it("input rules: unsupported type, over 50 MiB, unknown fields → 422", async () => {
    const s = await starter();
    expect((await requestUpload(s.token, { content_type: "image/gif" })).status).toBe(422);
    expect((await requestUpload(s.token, { size_bytes: 50 * 1024 * 1024 + 1 })).status).toBe(422);
    expect((await requestUpload(s.token, { colour: "red" })).status).toBe(422);
  });
});
