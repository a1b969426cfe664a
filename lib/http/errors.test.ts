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

  it("says what to do in plain sentences instead of zod's schema wording; a schema's own message is kept", () => {
    const schema = z
      .object({
        token: z.string().min(20),
        name: z.string().min(1).max(5),
        email: z.string().email(),
        n: z.number().int().min(1).max(10),
        role: z.enum(["admin", "member"]),
        tags: z.array(z.string()).max(2),
        custom: z.string().min(3, "Team names need at least 3 characters."),
        need: z.string(),
      })
      .strict();
    const r = schema.safeParse({ token: "short", name: "", email: "nope", n: 11, role: "owner", tags: ["a", "b", "c"], custom: "x" });
    const byPath = Object.fromEntries(zodToFieldErrors(r.error!).map((e) => [e.path, e.message]));
    expect(byPath).toEqual({
      token: "Use at least 20 characters.",
      name: "This can't be empty.",
      email: "Enter an email address like ada@example.com.",
      n: "Use 10 or less.",
      role: 'Use one of: "admin", "member".',
      tags: "Use at most 2 items.",
      custom: "Team names need at least 3 characters.",
      need: "This is required.",
    });
    const typed = z.object({ n: z.number() }).safeParse({ n: "7" });
    expect(zodToFieldErrors(typed.error!)[0]!.message).toBe("Use a number here, not text.");
    for (const message of Object.values(byPath)) expect(message).not.toMatch(/Too small|expected|>=|Invalid/);
  });
});
