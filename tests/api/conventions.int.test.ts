import { describe, expect, it } from "vitest";
import * as account from "@/app/v1/account/route";
import * as keys from "@/app/v1/auth/keys/route";
import * as catchAll from "@/app/v1/[...path]/route";
import * as localSignIn from "@/app/api/auth/local/route";
import * as signOut from "@/app/api/auth/sign-out/route";
import * as jobs from "@/app/v1/jobs/route";
import * as status from "@/app/v1/status/route";
import * as team from "@/app/v1/teams/[id]/route";
import * as teams from "@/app/v1/teams/route";
import { methodNotAllowed } from "@/lib/http/methods";
import { AppError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { creatorWithTeam, starter } from "../helpers/fixtures";
import { call } from "../helpers/http";

function assertNoInternals(text: string) {
  expect(text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|stack|select |insert into|postgres/i);
}

describe("API conventions (spec part 2 §2)", () => {
  it("GET /v1/status → 200 with version and reachability, no auth needed", async () => {
    const res = await call(status.GET, { path: "/v1/status" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: "ok", version: expect.any(String), database: { reachable: true }, storage: { reachable: true } });
    expect(res.headers.get("x-ratelimit-limit")).toBe("30");
  });

  it("unknown body field → 422 VALIDATION_ERROR with the path", async () => {
    const s = await starter();
    const res = await call(keys.POST, { method: "POST", token: s.token, body: { name: "k", extra: { deep: 1 } } });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("VALIDATION_ERROR");
    expect(res.json.error.details.errors).toContainEqual({ path: "extra", message: expect.any(String) });
  });

  it("wrong types report path, limit and valid values", async () => {
    const s = await starter();
    const res = await call(keys.POST, { method: "POST", token: s.token, body: { name: "x".repeat(101), scopes: ["jobs:read", "bad"] } });
    expect(res.status).toBe(422);
    const errors = res.json.error.details.errors;
    expect(errors).toContainEqual(expect.objectContaining({ path: "name", limit: 100 }));
    expect(errors).toContainEqual(expect.objectContaining({ path: "scopes[1]", valid_values: expect.arrayContaining(["generate"]) }));
  });

  it("malformed JSON → 400 BAD_REQUEST", async () => {
    const s = await starter();
    const res = await call(keys.POST, { method: "POST", token: s.token, rawBody: '{"name": "k",', headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("BAD_REQUEST");
    assertNoInternals(res.text);
  });

  it("a 2 MiB body → 413 PAYLOAD_TOO_LARGE, with or without Content-Length", async () => {
    const s = await starter();
    const big = JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) });
    const res = await call(keys.POST, { method: "POST", token: s.token, rawBody: big, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("PAYLOAD_TOO_LARGE");
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 3; i++) c.enqueue(new Uint8Array(1024 * 1024).fill(32));
        c.close();
      },
    });
    const chunked = await call(keys.POST, { method: "POST", token: s.token, rawBody: stream as unknown as Uint8Array });
    expect(chunked.status).toBe(413);
  });

  it("X-Request-Id is echoed when given and generated otherwise", async () => {
    const echoed = await call(status.GET, { headers: { "x-request-id": "abc-123" } });
    expect(echoed.headers.get("x-request-id")).toBe("abc-123");
    const generated = await call(status.GET);
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await call(status.GET, { headers: { "x-request-id": "<script>" } });
    expect(unsafe.headers.get("x-request-id")).not.toBe("<script>");
  });

  it("unknown /v1 paths → JSON 404 in the envelope", async () => {
    const res = await call(catchAll.GET, { path: "/v1/does-not-exist" });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.json.error.code).toBe("NOT_FOUND");
  });

  it("an unexpected error → 500 INTERNAL with the request id and nothing else", async () => {
    const boom = route({ auth: "public" }, async () => {
      throw new Error("secret detail: select * from users where password = 'x'");
    });
    const res = await call(boom, { headers: { "x-request-id": "req-500" } });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: { code: "INTERNAL", message: expect.any(String), details: { request_id: "req-500" } } });
    assertNoInternals(res.text);
  });

  it("typed errors keep their code and status", async () => {
    const conflict = route({ auth: "public" }, async () => {
      throw new AppError("INSUFFICIENT_CREDITS", "Not enough credits.");
    });
    const res = await call(conflict);
    expect(res.status).toBe(402);
    expect(res.json.error.code).toBe("INSUFFICIENT_CREDITS");
  });

  it("cookie-authenticated writes from another origin are refused (CSRF)", async () => {
    const s = await starter();
    const res = await call(account.PATCH, {
      method: "PATCH",
      body: { name: "x" },
      headers: { cookie: `fc_session=${s.token}`, origin: "https://evil.example", host: "localhost:3000" },
    });
    expect(res.status).toBe(403);
    const same = await call(account.PATCH, {
      method: "PATCH",
      body: { name: "x" },
      headers: { cookie: `fc_session=${s.token}`, origin: "http://localhost:3000", host: "localhost:3000" },
    });
    expect(same.status).toBe(200);
  });

  it("a JSON body with a duplicate key → 400 BAD_REQUEST naming it, on every route", async () => {
    const s = await starter();
    const res = await call(keys.POST, { method: "POST", token: s.token, rawBody: '{"name": "a", "scopes": ["*"], "name": "b"}', headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("duplicate key"), details: { path: "name" } });
    const nested = await call(account.PATCH, { method: "PATCH", token: s.token, rawBody: '{"name": "a", "avatar_url": null, "x": {"k": 1, "k": 2}}', headers: { "content-type": "application/json" } });
    expect(nested.status).toBe(400);
    expect(nested.json.error.details.path).toBe("x.k");
  });

  it("__proto__, constructor and prototype keys → 422 with the path, in every JSON body (free-form settings too)", async () => {
    const c = await creatorWithTeam();
    for (const key of ["__proto__", "constructor", "prototype"]) {
      const res = await call(team.PATCH, {
        method: "PATCH",
        token: c.token,
        params: { id: c.teamId },
        rawBody: `{"settings": {"ok": 1, "${key}": {"isAdmin": true}}}`,
        headers: { "content-type": "application/json" },
      });
      expect(res.status, key).toBe(422);
      expect(res.json.error.details.errors).toContainEqual({ path: `settings.${key}`, message: expect.any(String) });
    }
  });

  it("NUL characters anywhere in a body or query → 422 with the error envelope, never 500", async () => {
    const c = await creatorWithTeam();
    const body = await call(team.PATCH, { method: "PATCH", token: c.token, params: { id: c.teamId }, body: { settings: { note: "a\u0000b" } } });
    expect(body.status).toBe(422);
    expect(body.json.error.details.errors).toContainEqual({ path: "settings.note", message: expect.any(String) });
    const name = await call(account.PATCH, { method: "PATCH", token: c.token, body: { name: "Ada\u0000" } });
    expect(name.status).toBe(422);
    const query = await call(teams.GET, { token: c.token, path: "/v1/teams?cursor=%00" });
    expect(query.status).toBe(422);
    expect(query.json.error.code).toBe("VALIDATION_ERROR");
  });

  it("JSON nested thousands deep → 400 in the envelope, in any body", async () => {
    const c = await creatorWithTeam();
    const deep = `{"settings": {"x": ${"[".repeat(5000)}${"]".repeat(5000)}}}`;
    const res = await call(team.PATCH, { method: "PATCH", token: c.token, params: { id: c.teamId }, rawBody: deep, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "BAD_REQUEST", details: { limit: 64 } });
    const objects = `{"settings": ${'{"a":'.repeat(3000)}1${"}".repeat(3000)}}`;
    expect((await call(team.PATCH, { method: "PATCH", token: c.token, params: { id: c.teamId }, rawBody: objects, headers: { "content-type": "application/json" } })).status).toBe(400);
  });

  it("forged cursors (non-UUID id, year 0000, garbage base64) → 422 on `cursor`", async () => {
    const s = await starter();
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const forged = [
      b64({ t: new Date().toISOString(), id: "not-a-uuid" }),
      b64({ t: "0000-01-01T00:00:00.000Z", id: crypto.randomUUID() }),
      b64({ t: "275760-09-13T00:00:00.000Z", id: crypto.randomUUID() }),
      b64({ t: 12, id: crypto.randomUUID() }),
      b64(["x"]),
      "%%%garbage%%%",
      "e30",
    ];
    for (const cursor of forged) {
      const res = await call(jobs.GET, { token: s.token, path: `/v1/jobs?cursor=${encodeURIComponent(cursor)}` });
      expect(res.status, cursor).toBe(422);
      expect(res.json.error.details.errors).toEqual([{ path: "cursor", message: "Invalid cursor." }]);
    }
  });

  it("rate-limit headers on 403 (tier), 404 (unknown path, unknown id), 405 and 401 answers, and they count", async () => {
    const s = await starter();
    const tier = await call(teams.POST, { method: "POST", token: s.token, body: { name: "T" } });
    expect(tier.status).toBe(403);
    const remainingAfterTier = Number(tier.headers.get("x-ratelimit-remaining"));
    expect(tier.headers.get("x-ratelimit-limit")).toBe("60");
    const unknown = await call(catchAll.GET, { token: s.token, path: "/v1/nope" });
    expect(unknown.status).toBe(404);
    expect(Number(unknown.headers.get("x-ratelimit-remaining"))).toBe(remainingAfterTier - 1);
    const missing = await call(team.GET, { token: s.token, params: { id: "not-a-uuid" } });
    expect(missing.status).toBe(403); // a starter: the tier answer comes first
    expect(missing.headers.get("x-ratelimit-limit")).toBe("60");
    const wrong = (await methodNotAllowed("PATCH", "/v1/generate", new Headers({ authorization: `Bearer ${s.token}`, "x-request-id": "req-405" })))!;
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
    expect(wrong.headers.get("x-request-id")).toBe("req-405");
    expect(await wrong.json()).toEqual({ error: { code: "METHOD_NOT_ALLOWED", message: "PATCH is not supported on /v1/generate. Use POST." } });
    expect(wrong.headers.get("x-ratelimit-limit")).toBe("60");
    expect(Number(wrong.headers.get("x-ratelimit-remaining"))).toBe(remainingAfterTier - 3);
    expect(await methodNotAllowed("POST", "/v1/generate", new Headers())).toBeNull();
    expect(await methodNotAllowed("OPTIONS", "/v1/generate", new Headers())).toBeNull();
    expect(await methodNotAllowed("PUT", "/v1/unknown", new Headers())).toBeNull();
    const anonymous404 = await call(catchAll.GET, { path: "/v1/nope" });
    expect(anonymous404.headers.get("x-ratelimit-limit")).toBe("30");
    const unauthorized = await call(account.GET, { token: "not-a-jwt" });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get("x-ratelimit-limit")).toBe("30");
  });

  it("an API key without the scope → 403 with the rate-limit headers", async () => {
    const s = await starter();
    const created = await call(keys.POST, { method: "POST", token: s.token, body: { name: "narrow", scopes: ["generate"] } });
    expect(created.status).toBe(201);
    const res = await call(jobs.GET, { token: created.json.raw_key, path: "/v1/jobs" });
    expect(res.status).toBe(403);
    expect(res.headers.get("x-ratelimit-limit")).toBe("60");
  });
});

describe("CSRF: browser writes come from our own pages (spec/api.md Security)", () => {
  const evil = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };

  it("a cross-site text/plain form post to /api/auth/local signs nobody in and sets no cookie", async () => {
    const res = await call(localSignIn.POST, {
      method: "POST",
      path: "/api/auth/local",
      rawBody: '{"email": "attacker@example.com"}',
      headers: { ...evil, "content-type": "text/plain", host: "localhost:3000" },
    });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("FORBIDDEN");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("text/plain (or a form) with no Origin or Fetch Metadata at all → 415, still no cookie", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await call(localSignIn.POST, { method: "POST", path: "/api/auth/local", rawBody: '{"email": "attacker@example.com"}', headers: { "content-type": type } });
      expect(res.status, type).toBe(415);
      expect(res.json.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
      expect(res.headers.get("set-cookie")).toBeNull();
    }
  });

  it("the app's own same-origin JSON sign-in, and a non-browser client without Origin, still work", async () => {
    const same = await call(localSignIn.POST, {
      method: "POST",
      path: "/api/auth/local",
      body: { email: "same-origin@example.com" },
      headers: { origin: "http://localhost:3000", "sec-fetch-site": "same-origin", host: "localhost:3000" },
    });
    expect(same.status).toBe(200);
    expect(same.headers.get("set-cookie")).toContain("fc_session=");
    const curl = await call(localSignIn.POST, { method: "POST", path: "/api/auth/local", body: { email: "curl@example.com" } });
    expect(curl.status).toBe(200);
  });

  it("cross-site and same-site (a sibling subdomain) cookie writes are refused, Origin or not; sign-out too", async () => {
    const s = await starter();
    const cookie = `fc_session=${s.token}`;
    const hostile: Record<string, string>[] = [{ "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }, { origin: "null" }, { origin: "http://localhost:3000.evil.example" }];
    for (const headers of hostile) {
      const res = await call(account.PATCH, { method: "PATCH", body: { name: "pwned" }, headers: { cookie, host: "localhost:3000", ...headers } });
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    const out = await call(signOut.POST, { method: "POST", path: "/api/auth/sign-out", headers: { cookie, ...evil } });
    expect(out.status).toBe(403);
    expect(out.headers.get("set-cookie")).toBeNull();
    const ownOut = await call(signOut.POST, { method: "POST", path: "/api/auth/sign-out", headers: { cookie, "sec-fetch-site": "same-origin" } });
    expect(ownOut.status).toBe(204);
  });

  it("a cookie write must be JSON; bearer and API-key calls are unaffected by Origin", async () => {
    const s = await starter();
    const plain = await call(account.PATCH, {
      method: "PATCH",
      rawBody: '{"name": "x"}',
      headers: { cookie: `fc_session=${s.token}`, "content-type": "text/plain", "sec-fetch-site": "same-origin" },
    });
    expect(plain.status).toBe(415);
    const bearer = await call(account.PATCH, { method: "PATCH", token: s.token, body: { name: "x" }, headers: evil });
    expect(bearer.status).toBe(200);
  });
});
