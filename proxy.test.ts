import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetConfig } from "@/lib/config";
import { proxy } from "./proxy";

function withEnv(env: Record<string, string>) {
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  resetConfig();
}

afterEach(() => {
  vi.unstubAllEnvs();
  resetConfig();
});

const BASE_ENV = { DATABASE_URL: "postgres://u:p@127.0.0.1:5432/db", S3_ENDPOINT: "http://127.0.0.1:4569" };

describe("proxy security headers", () => {
  it("gives a page a fresh nonce CSP, also on the request Next.js renders from", async () => {
    withEnv({ ...BASE_ENV, APP_URL: "http://localhost:3000" });
    const a = await proxy(new NextRequest("http://localhost:3000/app"));
    const b = await proxy(new NextRequest("http://localhost:3000/app"));
    const csp = a.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:4569");
    expect(b.headers.get("content-security-policy")).not.toContain(nonce);
    // NextResponse.next({ request: { headers } }) hands overridden request headers on like this:
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(a.headers.get("strict-transport-security")).toBeNull();
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("adds HSTS (and upgrade-insecure-requests) over https, on pages and API responses", async () => {
    withEnv({ ...BASE_ENV, APP_URL: "https://framecast.example" });
    const page = await proxy(new NextRequest("https://framecast.example/"));
    expect(page.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(page.headers.get("content-security-policy")).toContain("; upgrade-insecure-requests");
    for (const [method, path] of [["GET", "/v1/status"], ["DELETE", "/v1/status"], ["POST", "/api/inngest"]] as const) {
      const res = await proxy(new NextRequest(`https://framecast.example${path}`, { method }));
      expect(res.headers.get("strict-transport-security"), `${method} ${path}`).toBe("max-age=63072000; includeSubDomains");
      // The API CSP comes from next.config.ts, not a page policy from here.
      expect(res.headers.get("content-security-policy"), `${method} ${path}`).toBeNull();
    }
  });
});
