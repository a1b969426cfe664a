import { sql } from "drizzle-orm";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { itConcurrent } from "../helpers/concurrency";
import * as account from "@/app/v1/account/route";
import { db } from "@/lib/db/client";
import { TEST_JWT_SECRET } from "../env";
import { call, newIdentity } from "../helpers/http";

describe("identity (spec part 2 §1)", () => {
  it("401 with the error envelope without credentials", async () => {
    const res = await call(account.GET);
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: { code: "UNAUTHORIZED", message: expect.any(String) } });
  });

  it("T1: a valid token for a new sub provisions the user with SIGNUP_CREDITS through the ledger", async () => {
    const id = await newIdentity();
    const res = await call(account.GET, { token: id.token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: id.sub, email: id.email, tier: "starter", credits: 100 });
    const ledger = await db().execute<{ sum: number; n: number }>(
      sql`select coalesce(sum(delta),0)::int as sum, count(*)::int as n from credit_ledger where owner = ${"framecast:user:usr_" + id.sub}`,
    );
    expect(ledger[0]).toEqual({ sum: 100, n: 1 });
  });

  itConcurrent("T1: 20 parallel first requests of one new user create exactly one users row and one grant", async () => {
    const id = await newIdentity();
    const results = await Promise.all(Array.from({ length: 20 }, () => call(account.GET, { token: id.token })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const rows = await db().execute<{ n: number }>(sql`select count(*)::int as n from users where id = ${id.sub}`);
    expect(rows[0]!.n).toBe(1);
    const grants = await db().execute<{ n: number }>(
      sql`select count(*)::int as n from credit_ledger where owner = ${"framecast:user:usr_" + id.sub}`,
    );
    expect(grants[0]!.n).toBe(1);
  });

  it("rejects expired tokens, wrong secrets, wrong audience and tokens without email", async () => {
    const expired = await newIdentity({ expiresInSeconds: -10 });
    const wrongSecret = await newIdentity({ secret: "another-secret-another-secret-another-secret!!" });
    const key = new TextEncoder().encode(TEST_JWT_SECRET);
    const now = Math.floor(Date.now() / 1000);
    const wrongAud = await new SignJWT({ email: "x@example.com" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(crypto.randomUUID())
      .setAudience("anon")
      .setExpirationTime(now + 60)
      .sign(key);
    const noEmail = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(crypto.randomUUID())
      .setAudience("authenticated")
      .setExpirationTime(now + 60)
      .sign(key);
    for (const token of [expired.token, wrongSecret.token, wrongAud, noEmail, "not-a-jwt"]) {
      const res = await call(account.GET, { token });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe("UNAUTHORIZED");
    }
    const rows = await db().execute<{ n: number }>(
      sql`select count(*)::int as n from users where id in (${expired.sub}, ${wrongSecret.sub})`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it("tokens whose role is not `authenticated` (service_role, anon, none), or issued more than a minute in the future, are 401", async () => {
    const key = new TextEncoder().encode(TEST_JWT_SECRET);
    const now = Math.floor(Date.now() / 1000);
    const mint = (claims: Record<string, unknown>, iat = now) =>
      new SignJWT({ email: `r-${crypto.randomUUID().slice(0, 8)}@example.com`, ...claims })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(crypto.randomUUID())
        .setAudience("authenticated")
        .setIssuedAt(iat)
        .setExpirationTime(now + 3600)
        .sign(key);
    const refused = [
      await mint({ role: "service_role" }),
      await mint({ role: "anon" }),
      await mint({}),
      await mint({ role: "authenticated" }, now + 120),
      await mint({ role: "authenticated" }, now + 86_400),
    ];
    for (const token of refused) {
      const res = await call(account.GET, { token });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe("UNAUTHORIZED");
    }
    expect((await call(account.GET, { token: await mint({ role: "authenticated" }, now + 30) })).status).toBe(200);
  });

  it("PATCH /v1/account updates the profile; unknown fields are 422 with the path", async () => {
    const id = await newIdentity();
    const ok = await call(account.PATCH, { method: "PATCH", token: id.token, body: { name: "Ada", avatar_url: "https://example.com/a.png" } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ name: "Ada", avatar_url: "https://example.com/a.png" });
    const bad = await call(account.PATCH, { method: "PATCH", token: id.token, body: { name: "Ada", tier: "creator" } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.details.errors).toEqual([{ path: "tier", message: expect.any(String) }]);
  });

  it("DELETE /v1/account removes the user; the token then provisions a fresh account", async () => {
    const id = await newIdentity();
    expect((await call(account.GET, { token: id.token })).status).toBe(200);
    const del = await call(account.DELETE, { method: "DELETE", token: id.token });
    expect(del.status).toBe(204);
    expect(del.text).toBe("");
    const rows = await db().execute<{ n: number }>(sql`select count(*)::int as n from users where id = ${id.sub}`);
    expect(rows[0]!.n).toBe(0);
  });
});
