import { describe, expect, it } from "vitest";
import * as account from "@/app/v1/account/route";
import * as keys from "@/app/v1/auth/keys/route";
import * as catchAll from "@/app/v1/[...path]/route";
import * as status from "@/app/v1/status/route";
import { AppError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { starter } from "../helpers/fixtures";
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
});
