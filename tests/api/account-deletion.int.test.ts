/** DELETE /v1/account: work, files, keys and memberships go; the ledger stays whole; a tombstone refuses the old token. */
import { randomUUID } from "node:crypto";
import { ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { itConcurrent } from "../helpers/concurrency";
import * as account from "@/app/v1/account/route";
import * as localSignIn from "@/app/api/auth/local/route";
import * as assetOne from "@/app/v1/assets/[id]/route";
import * as confirm from "@/app/v1/assets/[id]/confirm/route";
import * as uploadUrl from "@/app/v1/assets/upload-url/route";
import * as keys from "@/app/v1/auth/keys/route";
import * as generate from "@/app/v1/generate/route";
import * as cancel from "@/app/v1/jobs/[id]/cancel/route";
import { signSupabaseToken } from "@/lib/auth/jwt";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { presignOutput } from "@/lib/jobs/storage";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { buckets, s3 } from "@/lib/storage/s3";
import { membershipUrn, userUrn } from "@/lib/urn";
import { startFakeSupabaseAdmin } from "../helpers/fake-supabase-admin";
import { addMember, starter, upgradedCreator } from "../helpers/fixtures";
import { call, newIdentity } from "../helpers/http";
import { ledgerMismatches } from "../helpers/ledger";
import { TEST_JWT_SECRET } from "../env";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

const del = (token: string) => call(account.DELETE, { method: "DELETE", token });
const me = (token: string) => call(account.GET, { token });

/** An uploaded, confirmed image and its presigned download URL. */
async function readyAsset(token: string, owner?: string) {
  const res = await call(uploadUrl.POST, {
    method: "POST",
    token,
    body: { filename: "keeper.png", content_type: "image/png", size_bytes: PNG.length, ...(owner ? { owner } : {}) },
  });
  expect(res.status, res.text).toBe(201);
  expect((await fetch(res.json.upload_url, { method: "PUT", headers: res.json.upload_headers, body: new Uint8Array(PNG) })).status).toBe(200);
  expect((await call(confirm.POST, { method: "POST", token, params: { id: res.json.asset.id } })).status).toBe(200);
  const got = await call(assetOne.GET, { token, params: { id: res.json.asset.id } });
  return { id: res.json.asset.id as string, url: got.json.download_url as string };
}

/** A job's output object under the owner's prefix, and its presigned URL. */
async function storedOutput(prefix: string) {
  const key = `${prefix}jobs/${randomUUID()}/final.mp4`;
  await s3().send(new PutObjectCommand({ Bucket: buckets().outputs, Key: key, Body: Buffer.from("not really a video") }));
  return presignOutput(key);
}

async function count(query: ReturnType<typeof sql>) {
  const [row] = await db().execute<{ n: number }>(query);
  return row!.n;
}

const ledgerSum = (owner: string) => count(sql`select coalesce(sum(delta), 0)::int as n from credit_ledger where owner = ${owner}`);

describe("DELETE /v1/account", () => {
  it("deletes jobs, assets and their files, keys and memberships; the token is then 401 'This account was deleted'; the ledger closes at 0", async () => {
    const s = await starter();
    const asset = await readyAsset(s.token);
    const output = await storedOutput(`user/${s.sub}/`);
    expect((await fetch(asset.url)).status).toBe(200);
    expect((await fetch(output)).status).toBe(200);
    const job = await call(generate.POST, { method: "POST", token: s.token, body: { spec: WELCOME_SPEC } });
    expect(job.status).toBe(201);
    // A render in progress blocks the deletion until it ends.
    const busy = await del(s.token);
    expect([busy.status, busy.json.error.code]).toEqual([409, "INVALID_STATE"]);
    expect((await call(cancel.POST, { method: "POST", token: s.token, params: { id: job.json.id } })).status).toBe(200);
    const key = await call(keys.POST, { method: "POST", token: s.token, body: { name: "ci" } });
    expect(key.status).toBe(201);
    expect(await ledgerSum(userUrn(s.sub))).toBeGreaterThan(0);

    const res = await del(s.token);
    expect(res.status, res.text).toBe(204);

    for (let i = 0; i < 2; i++) {
      const after = await me(s.token);
      expect([after.status, after.json.error.code]).toEqual([401, "UNAUTHORIZED"]);
      expect(after.json.error.message).toContain("This account was deleted");
    }
    expect((await me(key.json.raw_key)).status).toBe(401);
    expect([403, 404]).toContain((await fetch(asset.url)).status);
    expect([403, 404]).toContain((await fetch(output)).status);
    expect(await count(sql`select count(*)::int as n from users where id = ${s.sub}`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from jobs where owner = ${userUrn(s.sub)}`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from asset_files where owner = ${userUrn(s.sub)}`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from api_keys where user_id = ${s.sub}`)).toBe(0);
    expect(await ledgerSum(userUrn(s.sub))).toBe(0);
    expect(await ledgerMismatches()).toEqual([]);
    expect(await count(sql`select count(*)::int as n from deleted_accounts where user_id = ${s.sub}`)).toBe(1);
  });

  it("the only owner of a team with other members → 409 CONFLICT with a clear message, nothing deleted; a member leaves the team's work and takes their own", async () => {
    const c = await upgradedCreator();
    const m = await addMember(c.teamId, "member");
    const refused = await del(c.token);
    expect([refused.status, refused.json.error.code]).toEqual([409, "CONFLICT"]);
    expect(refused.json.error.message).toContain("only owner of a team that has other members");
    expect(refused.json.error.details.team_ids).toEqual([c.teamId]);
    expect((await me(c.token)).status).toBe(200);

    const own = await readyAsset(m.token, membershipUrn(c.teamId, m.sub));
    const teamBytes = () => count(sql`select ephemeral_storage_bytes::int as n from teams where id = ${c.teamId}`);
    expect(await teamBytes()).toBe(PNG.length);
    expect((await del(m.token)).status).toBe(204);
    expect([403, 404]).toContain((await fetch(own.url)).status);
    expect(await teamBytes()).toBe(0);
    expect(await count(sql`select count(*)::int as n from memberships where team_id = ${c.teamId}`)).toBe(1);
    expect(await ledgerMismatches()).toEqual([]);
  });

  itConcurrent("10 simultaneous deletions: one 204, the others 401; a GET storm alongside never re-creates the account", async () => {
    const s = await starter();
    const results = await Promise.all([
      ...Array.from({ length: 10 }, () => del(s.token)),
      ...Array.from({ length: 10 }, () => me(s.token)),
    ]);
    const deletes = results.slice(0, 10).map((r) => r.status);
    expect(deletes.filter((x) => x === 204)).toHaveLength(1);
    expect(deletes.filter((x) => x === 401)).toHaveLength(9);
    expect(results.slice(10).every((r) => r.status === 200 || r.status === 401)).toBe(true);
    expect((await me(s.token)).status).toBe(401);
    expect(await count(sql`select count(*)::int as n from users where id = ${s.sub}`)).toBe(0);
    expect(await ledgerMismatches()).toEqual([]);
  });

  it("the database refuses re-creating a deleted account's id", async () => {
    const s = await starter();
    expect((await del(s.token)).status).toBe(204);
    const err = await db()
      .execute(sql`insert into users (id, email) values (${s.sub}, ${`again-${s.sub.slice(0, 8)}@example.com`})`)
      .then(() => null, (e: unknown) => e);
    expect(String((err as { cause?: unknown })?.cause ?? err)).toContain("was deleted");
  });

  it("signing up again with the same email (local mode) is a new account with no second sign-up grant", async () => {
    const email = `again-${randomUUID().slice(0, 8)}@example.com`;
    const first = await call(localSignIn.POST, { method: "POST", body: { email } });
    expect(first.status, first.text).toBe(200);
    expect(first.json.user.credits).toBe(100);
    expect((await del(first.json.access_token)).status).toBe(204);
    const again = await call(localSignIn.POST, { method: "POST", body: { email } });
    expect(again.status, again.text).toBe(200);
    expect(again.json.user.id).not.toBe(first.json.user.id);
    expect(again.json.user.credits).toBe(0);
    expect((await me(again.json.access_token)).status).toBe(200);
    expect((await me(first.json.access_token)).json.error.message).toContain("This account was deleted");
    expect(await count(sql`select count(*)::int as n from credit_ledger where owner = ${userUrn(again.json.user.id)}`)).toBe(0);
    expect(await ledgerMismatches()).toEqual([]);
  });
});

describe("DELETE /v1/account: uploads never confirmed", () => {
  it("a staged upload (under staging/) goes with the account", async () => {
    const s = await starter();
    const res = await call(uploadUrl.POST, { method: "POST", token: s.token, body: { filename: "half.png", content_type: "image/png", size_bytes: PNG.length } });
    expect(res.status, res.text).toBe(201);
    expect((await fetch(res.json.upload_url, { method: "PUT", headers: res.json.upload_headers, body: new Uint8Array(PNG) })).status).toBe(200);
    const stagedKey = decodeURIComponent(new URL(res.json.upload_url).pathname).slice(`/${buckets().assets}/`.length);
    expect(stagedKey.startsWith(`staging/user/${s.sub}/`)).toBe(true);
    expect((await del(s.token)).status).toBe(204);
    const listed = await s3().send(new ListObjectsV2Command({ Bucket: buckets().assets, Prefix: `staging/user/${s.sub}/` }));
    expect(listed.KeyCount ?? 0).toBe(0);
  });
});

describe("DELETE /v1/account in Supabase mode", () => {
  const SERVICE_KEY = "service-role-key-for-tests";
  const saved = { url: process.env.SUPABASE_URL, anon: process.env.SUPABASE_ANON_KEY, key: process.env.SUPABASE_SERVICE_ROLE_KEY, callback: process.env.RENDER_CALLBACK_SECRET };

  async function supabaseMode(withKey = true) {
    const fake = await startFakeSupabaseAdmin(SERVICE_KEY);
    process.env.SUPABASE_URL = fake.url;
    process.env.SUPABASE_ANON_KEY = "anon-key";
    // Supabase mode refuses to start without it (api.md "Security" 9).
    process.env.RENDER_CALLBACK_SECRET ??= "render-callback-secret-for-tests-0123456789";
    if (withKey) process.env.SUPABASE_SERVICE_ROLE_KEY = SERVICE_KEY;
    else delete process.env.SUPABASE_SERVICE_ROLE_KEY;
    resetConfig();
    return fake;
  }

  afterEach(() => {
    for (const [name, value] of [["SUPABASE_URL", saved.url], ["SUPABASE_ANON_KEY", saved.anon], ["SUPABASE_SERVICE_ROLE_KEY", saved.key], ["RENDER_CALLBACK_SECRET", saved.callback]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetConfig();
  });

  it("deletes the auth user through the admin API with the service-role key; a failure there changes nothing (503)", async () => {
    const fake = await supabaseMode();
    try {
      const id = await newIdentity();
      fake.users.set(id.sub, { id: id.sub, email: id.email });
      expect((await me(id.token)).status).toBe(200);

      fake.failWith = 500;
      const failed = await del(id.token);
      expect([failed.status, failed.json.error.code]).toEqual([503, "SERVICE_UNAVAILABLE"]);
      expect((await me(id.token)).status).toBe(200);
      expect(await count(sql`select count(*)::int as n from deleted_accounts where user_id = ${id.sub}`)).toBe(0);

      fake.failWith = null;
      expect((await del(id.token)).status).toBe(204);
      const last = fake.requests.at(-1)!;
      expect(last).toMatchObject({ method: "DELETE", path: `/auth/v1/admin/users/${id.sub}`, body: { should_soft_delete: false } });
      expect(last.headers.apikey).toBe(SERVICE_KEY);
      expect(last.headers.authorization).toBe(`Bearer ${SERVICE_KEY}`);
      expect(fake.users.has(id.sub)).toBe(false);
      expect((await me(id.token)).json.error.message).toContain("This account was deleted");

      // Supabase gives a new sign-up with that email a new user id: a new account, without a second grant.
      const newSub = randomUUID();
      const token = await signSupabaseToken({ sub: newSub, email: id.email }, { secret: TEST_JWT_SECRET });
      const fresh = await me(token);
      expect(fresh.status).toBe(200);
      expect(fresh.json).toMatchObject({ id: newSub, email: id.email, credits: 0 });
      expect(await ledgerMismatches()).toEqual([]);
    } finally {
      await fake.stop();
    }
  });

  it("without SUPABASE_SERVICE_ROLE_KEY the deletion is refused (503) and nothing changes", async () => {
    const fake = await supabaseMode(false);
    try {
      const id = await newIdentity();
      expect((await me(id.token)).status).toBe(200);
      const res = await del(id.token);
      expect([res.status, res.json.error.code]).toEqual([503, "SERVICE_UNAVAILABLE"]);
      expect(res.json.error.message).toContain("SUPABASE_SERVICE_ROLE_KEY");
      expect(fake.requests).toHaveLength(0);
      expect((await me(id.token)).status).toBe(200);
    } finally {
      await fake.stop();
    }
  });
});
