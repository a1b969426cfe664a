import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ERROR_STATUS, formatPath, zodToFieldErrors } from "./errors";

describe("errors", () => {
  it("formats paths the way users read them", () => {
    expect(formatPath(["scenes", 2, "duration"])).toBe("scenes[2].duration");
    expect(formatPath([0, "a"])).toBe("[0].a");
  });

  it("maps the spec's codes to their statuses", () => {
    expect(ERROR_STATUS).toMatchObject({
      UNAUTHORIZED: 401,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      VALIDATION_ERROR: 422,
      INVALID_STATE: 409,
      CONFLICT: 409,
      LIMIT_EXCEEDED: 409,
      INSUFFICIENT_CREDITS: 402,
      CONCURRENCY_LIMIT_EXCEEDED: 429,
      RATE_LIMIT_EXCEEDED: 429,
      PAYLOAD_TOO_LARGE: 413,
      SERVICE_UNAVAILABLE: 503,
      INTERNAL: 500,
      BAD_REQUEST: 400,
    });
  });

  it("turns zod issues into field errors with limits, valid values and unknown keys", () => {
    const schema = z.object({ a: z.string().max(3), b: z.enum(["x", "y"]) }).strict();
    const r = schema.safeParse({ a: "toolong", b: "z", c: 1 });
    expect(r.success).toBe(false);
    const errors = zodToFieldErrors(r.error!);
    expect(errors).toContainEqual(expect.objectContaining({ path: "a", limit: 3 }));
    expect(errors).toContainEqual(expect.objectContaining({ path: "b", valid_values: ["x", "y"] }));
    expect(errors).toContainEqual({ path: "c", message: 'Unknown field "c".' });
  });
});
