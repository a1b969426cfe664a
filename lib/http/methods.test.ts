import { describe, expect, it } from "vitest";
import { allowedMethods } from "./methods";

// methodNotAllowed (counted, with rate-limit headers) is tested in tests/api/conventions.int.test.ts.
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
