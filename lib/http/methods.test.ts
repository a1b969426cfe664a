import { describe, expect, it } from "vitest";
import { allowedMethods, methodNotAllowed } from "./methods";

describe("allowedMethods: the /v1 method table from the OpenAPI operations", () => {
  it("knows each path's methods (HEAD with GET) and nothing for unknown paths", () => {
    expect(allowedMethods("/v1/generate")).toEqual(["POST"]);
    expect(allowedMethods("/v1/jobs/0b7c6f9e-1d2a-4c3b-9e8f-123456789abc")?.sort()).toEqual(["DELETE", "GET", "HEAD"]);
    expect(allowedMethods("/v1/jobs/abc/cancel")).toEqual(["POST"]);
    expect(allowedMethods("/v1/spec/schema.json")).toEqual(["GET", "HEAD"]);
    expect(allowedMethods("/v1/jobs/abc/nope")).toBeNull();
    expect(allowedMethods("/v1/nothing")).toBeNull();
  });
});

describe("methodNotAllowed", () => {
  it("answers a wrong method with 405 in the error envelope, Allow and X-Request-Id", async () => {
    const res = methodNotAllowed("PATCH", "/v1/generate", new Headers({ "x-request-id": "req-1" }))!;
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(res.headers.get("x-request-id")).toBe("req-1");
    expect(await res.json()).toEqual({ error: { code: "METHOD_NOT_ALLOWED", message: "PATCH is not supported on /v1/generate. Use POST." } });
  });

  it("lets through allowed methods, OPTIONS and unknown paths (the 404 route answers those)", () => {
    const h = new Headers();
    expect(methodNotAllowed("POST", "/v1/generate", h)).toBeNull();
    expect(methodNotAllowed("HEAD", "/v1/status", h)).toBeNull();
    expect(methodNotAllowed("OPTIONS", "/v1/generate", h)).toBeNull();
    expect(methodNotAllowed("PUT", "/v1/unknown", h)).toBeNull();
  });
});
