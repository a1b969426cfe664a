import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { itConcurrent } from "../helpers/concurrency";
import * as account from "@/app/v1/account/route";
import * as keys from "@/app/v1/auth/keys/route";
import * as key from "@/app/v1/auth/keys/[id]/route";
import { apiKeys } from "@/drizzle/schema";
import { generateApiKey, hashApiKey } from "@/lib/api-keys/keys";
import { db } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { membershipUrn, teamUrn, userUrn } from "@/lib/urn";
import { addMember, creatorWithTeam, starter } from "../helpers/fixtures";
import { call } from "../helpers/http";

async function createKey(token: string, body: Record<string, unknown> = {}) {
  return call(keys.POST, { method: "POST", token, body: { name: "test", ...body } });
}

describe("API keys (spec part 2 §1, §3)", () => {
  it("a created key authenticates; the raw key is shown once and only its SHA-256 is stored", async () => {
    const s = await starter();
    const created = await createKey(s.token);
    expect(created.status).toBe(201);
    const raw: string = created.json.raw_key;
    expect(raw).toMatch(/^sk_live_[A-Za-z0-9]{8}_[A-Za-z0-9]{32,}$/);
    expect(created.json.api_key).toMatchObject({ owner: userUrn(s.sub), scopes: ["*"], name: "test", revoked_at: null });
    expect(raw.startsWith(created.json.api_key.key_prefix)).toBe(true);
    expect(created.json.api_key).not.toHaveProperty("key_hash");

    const me = await call(account.GET, { token: raw });
    expect(me.status).toBe(200);
    expect(me.json.id).toBe(s.sub);

    const stored = await db().execute<{ key_hash: string }>(sql`select key_hash from api_keys where id = ${created.json.api_key.id}`);
    expect(stored[0]!.key_hash).toBe(hashApiKey(raw));
    const list = await call(keys.GET, { token: s.token });
    expect(JSON.stringify(list.json)).not.toContain(raw.slice(17));
    const one = await call(key.GET, { token: s.token, params: { id: created.json.api_key.id } });
    expect(one.status).toBe(200);
    expect(one.json).not.toHaveProperty("raw_key");
  });

  it("after revoke → 401; a revoked key is final: a second revoke or a rename → 409 INVALID_STATE", async () => {
    const s = await starter();
    const { json } = await createKey(s.token);
    const id = json.api_key.id;
    const del = await call(key.DELETE, { method: "DELETE", token: s.token, params: { id } });
    expect(del.status).toBe(204);
    const me = await call(account.GET, { token: json.raw_key });
    expect(me.status).toBe(401);
    expect(me.json.error.code).toBe("UNAUTHORIZED");
    const [first] = await db().execute<{ revoked_at: Date }>(sql`select revoked_at from api_keys where id = ${id}`);
    const again = await call(key.DELETE, { method: "DELETE", token: s.token, params: { id } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("INVALID_STATE");
    const rename = await call(key.PATCH, { method: "PATCH", token: s.token, params: { id }, body: { name: "back from the dead" } });
    expect(rename.status).toBe(409);
    expect(rename.json.error.code).toBe("INVALID_STATE");
    const got = await call(key.GET, { token: s.token, params: { id } });
    expect(got.json).toMatchObject({ name: "test", revoked_at: new Date(first!.revoked_at).toISOString() });
  });

  itConcurrent("10 simultaneous revokes of one key: one 204, nine 409", async () => {
    const s = await starter();
    const { json } = await createKey(s.token);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => call(key.DELETE, { method: "DELETE", token: s.token, params: { id: json.api_key.id } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([204, ...Array(9).fill(409)]);
  });

  it("after expiry → 401; expires_at in the past is refused at creation", async () => {
    const s = await starter();
    const k = generateApiKey();
    await db().insert(apiKeys).values({
      userId: s.sub,
      owner: userUrn(s.sub),
      keyPrefix: k.prefix,
      keyHash: k.hash,
      expiresAt: new Date(Date.now() - 1000),
    });
    expect((await call(account.GET, { token: k.raw })).status).toBe(401);
    const past = await createKey(s.token, { expires_at: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(422);
    expect(past.json.error.details.errors[0].path).toBe("expires_at");
    const future = await createKey(s.token, { expires_at: new Date(Date.now() + 3600_000).toISOString() });
    expect(future.status).toBe(201);
    expect((await call(account.GET, { token: future.json.raw_key })).status).toBe(200);
  });

  it("a key without the needed scope → 403; with it or '*' → 200", async () => {
    const needsGenerate = route({ scope: "generate" }, async () => ({ ok: true }));
    const s = await starter();
    const readOnly = await createKey(s.token, { scopes: ["jobs:read"] });
    const gen = await createKey(s.token, { scopes: ["generate"] });
    const all = await createKey(s.token);
    const denied = await call(needsGenerate, { token: readOnly.json.raw_key });
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe("FORBIDDEN");
    expect((await call(needsGenerate, { token: gen.json.raw_key })).status).toBe(200);
    expect((await call(needsGenerate, { token: all.json.raw_key })).status).toBe(200);
    expect((await call(needsGenerate, { token: s.token })).status).toBe(200);
  });

  it("starter scope limits: a starter cannot create a key with team:read (or any team scope)", async () => {
    const s = await starter();
    for (const scope of ["team:read", "projects:write", "webhooks:read"]) {
      const res = await createKey(s.token, { scopes: [scope] });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("FORBIDDEN");
    }
    expect((await createKey(s.token, { scopes: ["generate", "jobs:read", "assets:write"] })).status).toBe(201);
    expect((await createKey(s.token, { scopes: ["nope"] })).status).toBe(422);
  });

  it("A6: a starter cannot create a key with a team URN owner; A7/X4: creators only for their teams", async () => {
    const creator = await creatorWithTeam();
    const s = await starter();
    const starterTeamKey = await createKey(s.token, { owner: teamUrn(creator.teamId) });
    expect(starterTeamKey.status).toBe(403);
    const otherPersonal = await createKey(s.token, { owner: userUrn(creator.sub) });
    expect(otherPersonal.status).toBe(403);

    const teamKey = await createKey(creator.token, { owner: teamUrn(creator.teamId), scopes: ["team:read"] });
    expect(teamKey.status).toBe(201);
    expect(teamKey.json.api_key.owner).toBe(teamUrn(creator.teamId));
    expect((await createKey(creator.token, { owner: membershipUrn(creator.teamId, creator.sub) })).status).toBe(201);

    const member = await addMember(creator.teamId, "member");
    // X4: a membership URN only for the member it names.
    expect((await createKey(member.token, { owner: membershipUrn(creator.teamId, creator.sub) })).status).toBe(403);
    expect((await createKey(member.token, { owner: membershipUrn(creator.teamId, member.sub) })).status).toBe(201);
    const viewer = await addMember(creator.teamId, "viewer");
    expect((await createKey(viewer.token, { owner: teamUrn(creator.teamId) })).status).toBe(403);
    const outsider = await creatorWithTeam();
    expect((await createKey(outsider.token, { owner: teamUrn(creator.teamId) })).status).toBe(403);
  });

  it("rename changes only the name; scopes and owner are immutable (422)", async () => {
    const s = await starter();
    const { json } = await createKey(s.token);
    const id = json.api_key.id;
    const renamed = await call(key.PATCH, { method: "PATCH", token: s.token, params: { id }, body: { name: "CI key" } });
    expect(renamed.status).toBe(200);
    expect(renamed.json.name).toBe("CI key");
    const scopes = await call(key.PATCH, { method: "PATCH", token: s.token, params: { id }, body: { scopes: ["generate"] } });
    expect(scopes.status).toBe(422);
    expect(scopes.json.error.details.errors.map((e: { path: string }) => e.path)).toContain("scopes");
  });

  it("keys of other users are not found; malformed ids are 404", async () => {
    const a = await starter();
    const b = await starter();
    const { json } = await createKey(a.token);
    for (const method of ["GET", "PATCH", "DELETE"] as const) {
      const handler = key[method];
      const res = await call(handler, { method, token: b.token, params: { id: json.api_key.id }, body: method === "PATCH" ? { name: "x" } : undefined });
      expect(res.status).toBe(404);
    }
    expect((await call(key.GET, { token: a.token, params: { id: "nope" } })).status).toBe(404);
    expect((await call(account.GET, { token: json.raw_key })).status).toBe(200);
  });

  it("a personal * key mints personal keys only; a narrower key mints none", async () => {
    const creator = await creatorWithTeam();
    const star = await createKey(creator.token);
    expect((await createKey(star.json.raw_key, { scopes: ["generate"] })).status).toBe(201);
    expect((await createKey(star.json.raw_key, { owner: teamUrn(creator.teamId) })).status).toBe(403);
    const narrow = await createKey(creator.token, { scopes: ["jobs:read"] });
    expect((await createKey(narrow.json.raw_key, { scopes: ["jobs:read"] })).status).toBe(403);
  });

  it("lists with cursor pagination, newest first, stable under inserts", async () => {
    const s = await starter();
    for (let i = 0; i < 5; i++) await createKey(s.token, { name: `k${i}` });
    const p1 = await call(keys.GET, { token: s.token, path: "/v1/auth/keys?limit=2" });
    expect(p1.status).toBe(200);
    expect(p1.json.data.map((k: { name: string }) => k.name)).toEqual(["k4", "k3"]);
    await createKey(s.token, { name: "k5" });
    const p2 = await call(keys.GET, { token: s.token, path: `/v1/auth/keys?limit=2&cursor=${p1.json.next_cursor}` });
    expect(p2.json.data.map((k: { name: string }) => k.name)).toEqual(["k2", "k1"]);
    const p3 = await call(keys.GET, { token: s.token, path: `/v1/auth/keys?limit=2&cursor=${p2.json.next_cursor}` });
    expect(p3.json.data.map((k: { name: string }) => k.name)).toEqual(["k0"]);
    expect(p3.json.next_cursor).toBeNull();
    expect((await call(keys.GET, { token: s.token, path: "/v1/auth/keys?limit=0" })).status).toBe(422);
    expect((await call(keys.GET, { token: s.token, path: "/v1/auth/keys?cursor=garbage" })).status).toBe(422);
  });

  it("last_used_at is set when a key is used", async () => {
    const s = await starter();
    const { json } = await createKey(s.token);
    expect(json.api_key.last_used_at).toBeNull();
    await call(account.GET, { token: json.raw_key });
    await expect
      .poll(async () => (await call(key.GET, { token: s.token, params: { id: json.api_key.id } })).json.last_used_at)
      .not.toBeNull();
  });
});
