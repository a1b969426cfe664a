import { describe, expect, it } from "vitest";
import { API_CSP, dynamicSecurityHeaders, HSTS, newNonce, pageCsp, STATIC_SECURITY_HEADERS, storageOrigins } from "./security-headers";

const base = { nonce: "bm9uY2U=", dev: false, https: false, storage: ["http://127.0.0.1:4569"], connect: [] };

function directives(csp: string): Map<string, string> {
  return new Map(csp.split("; ").map((d) => [d.split(" ")[0]!, d.slice(d.indexOf(" ") + 1)]));
}

describe("pageCsp", () => {
  it("allows scripts only by this request's nonce, never eval outside dev", () => {
    const d = directives(pageCsp(base));
    expect(d.get("script-src")).toBe("'self' 'nonce-bm9uY2U=' 'strict-dynamic'");
    expect(pageCsp(base)).not.toContain("unsafe-eval");
    expect(directives(pageCsp({ ...base, dev: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("lets the storage origin serve media and images and take uploads, and nothing frame the page", () => {
    const d = directives(pageCsp({ ...base, connect: ["https://abc.supabase.co"] }));
    expect(d.get("media-src")).toBe("'self' blob: http://127.0.0.1:4569");
    expect(d.get("img-src")).toBe("'self' data: blob: http://127.0.0.1:4569");
    expect(d.get("connect-src")).toBe("'self' http://127.0.0.1:4569 https://abc.supabase.co");
    expect(d.get("worker-src")).toBe("'self' blob:");
    expect(d.get("frame-ancestors")).toBe("'none'");
    expect(d.get("object-src")).toBe("'none'");
    expect(d.get("base-uri")).toBe("'none'");
  });

  it("upgrades insecure requests only over https", () => {
    expect(pageCsp(base)).not.toContain("upgrade-insecure-requests");
    expect(pageCsp({ ...base, https: true }).endsWith("; upgrade-insecure-requests")).toBe(true);
  });
});

describe("dynamicSecurityHeaders", () => {
  it("adds HSTS only over https", () => {
    expect(dynamicSecurityHeaders("x", false)).toEqual({ "Content-Security-Policy": "x" });
    expect(dynamicSecurityHeaders(null, true)).toEqual({ "Strict-Transport-Security": HSTS });
  });
});

describe("static headers", () => {
  it("are the issue's set", () => {
    expect(STATIC_SECURITY_HEADERS["X-Content-Type-Options"]).toBe("nosniff");
    expect(STATIC_SECURITY_HEADERS["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(STATIC_SECURITY_HEADERS["Permissions-Policy"]).toMatch(/^camera=\(\), microphone=\(\), geolocation=\(\)/);
    expect(API_CSP).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

describe("newNonce", () => {
  it("is 128 random bits in base64, fresh every time", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(new Set(Array.from({ length: 100 }, newNonce)).size).toBe(100);
  });
});

describe("storageOrigins", () => {
  const s = { S3_REGION: "eu-west-1", S3_FORCE_PATH_STYLE: false, buckets: ["out", "assets", "assets"] };
  it("uses the public endpoint, else the server one", () => {
    expect(storageOrigins({ ...s, S3_ENDPOINT: "http://minio:9000/x", S3_PUBLIC_ENDPOINT: "https://files.example.com/" })).toEqual(["https://files.example.com"]);
    expect(storageOrigins({ ...s, S3_ENDPOINT: "http://127.0.0.1:4569" })).toEqual(["http://127.0.0.1:4569"]);
  });
  it("names AWS's hosts for our buckets without an endpoint", () => {
    expect(storageOrigins(s)).toEqual([
      "https://out.s3.eu-west-1.amazonaws.com",
      "https://assets.s3.eu-west-1.amazonaws.com",
      "https://s3.eu-west-1.amazonaws.com",
    ]);
    expect(storageOrigins({ ...s, S3_FORCE_PATH_STYLE: true })).toEqual(["https://s3.eu-west-1.amazonaws.com"]);
  });
});
