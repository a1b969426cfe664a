import { expect, test } from "@playwright/test";

/** Black-box checks of the API conventions against the running server. */
test.describe("API (black box)", () => {
  test("GET /v1/status → 200 JSON with database and storage reachable", async ({ request }) => {
    const res = await request.get("/v1/status");
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: { reachable: true }, storage: { reachable: true } });
  });

  test("/v1/account without credentials → 401 envelope; unknown /v1 path → JSON 404", async ({ request }) => {
    const res = await request.get("/v1/account");
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("UNAUTHORIZED");
    const missing = await request.get("/v1/no-such-thing");
    expect(missing.status()).toBe(404);
    expect((await missing.json()).error.code).toBe("NOT_FOUND");
  });

  test("a method the path does not answer → 405 envelope with Allow and X-Request-Id (not Next.js's bare 405)", async ({ request }) => {
    const res = await request.fetch("/v1/generate", { method: "PATCH", headers: { "X-Request-Id": "e2e-405" } });
    expect(res.status()).toBe(405);
    expect(res.headers()["allow"]).toBe("POST");
    expect(res.headers()["x-request-id"]).toBe("e2e-405");
    expect((await res.json()).error.code).toBe("METHOD_NOT_ALLOWED");
    const put = await request.put("/v1/jobs/0b7c6f9e-1d2a-4c3b-9e8f-123456789abc/cancel");
    expect(put.status()).toBe(405);
    // the right method still reaches the route (401: no credentials)
    expect((await request.post("/v1/generate", { data: {} })).status()).toBe(401);
  });

  test("a 2 MiB body → 413 and malformed JSON → 400, never a stack trace", async ({ request }) => {
    const signIn = await request.post("/api/auth/local", { data: { email: `bb-${Date.now()}@example.com` } });
    const { access_token } = await signIn.json();
    const headers = { authorization: `Bearer ${access_token}`, "content-type": "application/json" };
    const big = await request.post("/v1/auth/keys", { headers, data: JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }) });
    expect(big.status()).toBe(413);
    const bad = await request.post("/v1/auth/keys", { headers, data: Buffer.from("{nope") });
    expect(bad.status()).toBe(400);
    const text = await bad.text();
    expect(text).not.toMatch(/\n\s+at |node_modules/);
  });

  test("the rate limit is shared between two app processes on the same database", async ({ request }) => {
    const second = process.env.E2E_SECOND_URL;
    expect(second, "scripts/e2e.ts starts a second app process").toBeTruthy();
    const signIn = await request.post("/api/auth/local", { data: { email: `rl-${Date.now()}@example.com` } });
    const { access_token } = await signIn.json();
    const headers = { authorization: `Bearer ${access_token}` };
    const msToBoundary = 60_000 - (Date.now() % 60_000);
    if (msToBoundary < 15_000) await new Promise((r) => setTimeout(r, msToBoundary + 100));
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const a = await request.get("/v1/account", { headers });
      const b = await request.get(`${second}/v1/account`, { headers });
      statuses.push(a.status(), b.status());
    }
    // 60 requests across both processes exhaust the starter's 60/min together.
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    const over = await request.get(`${second}/v1/account`, { headers });
    expect(over.status()).toBe(429);
    expect(over.headers()["retry-after"]).toBeTruthy();
    const overFirst = await request.get("/v1/account", { headers });
    expect(overFirst.status()).toBe(429);
  });
});
