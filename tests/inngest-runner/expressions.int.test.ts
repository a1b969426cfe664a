/**
 * Pure logic of the local Inngest runner: the CEL-subset expression evaluator, duration parsing,
 * response classification and request signing. (Named .int.test.ts to live with the runner's
 * other tests; it needs no database.)
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dueAt, parseDuration } from "@/scripts/inngest-runner/durations";
import { compile, evaluate, matches } from "@/scripts/inngest-runner/expressions";
import { classify, retryAfterMs } from "@/scripts/inngest-runner/request";
import { canonicalize, signature } from "@/scripts/inngest-runner/signing";

const event = { name: "framecast/job.created", data: { job_id: "j1", owner: "urn:u:1", n: 3, ok: true, nested: { list: [1, 2] }, none: null } };
const async = { name: "framecast/job.canceled", data: { job_id: "j1", other: "x" } };
const vars = { event, async };

describe("expressions", () => {
  it.each([
    ["event.data.job_id == async.data.job_id", true],
    ["async.data.job_id == 'j1'", true],
    ['async.data.job_id == "j2"', false],
    ["event.data.job_id != async.data.other", true],
    ["event.data.n == 3 && event.data.ok == true", true],
    ["event.data.n == 4 || (event.data.ok && async.data.other == 'x')", true],
    ["event.data.n > 2 && event.data.n <= 3 && event.data.n >= 3 && event.data.n < 4", true],
    ["event.data.none == null", true],
    ["!(event.data.n == 3)", false],
    ["event.data.nested.list[1] == 2", true],
    ["event.data['job_id'] == 'j1'", true],
    ["event.data.n == -3", false],
    ["event.name == 'framecast/job.created'", true],
    ["'it\\'s' == 'it\\'s'", true],
  ])("%s → %s", (expr, expected) => {
    expect(matches(expr, vars)).toBe(expected);
  });

  it("treats a missing field as an error: never equal, never unequal", () => {
    expect(matches("event.data.missing == async.data.missing", vars)).toBe(false);
    expect(matches("event.data.missing != 'x'", vars)).toBe(false);
    expect(matches("event.data.missing.deeper == null", vars)).toBe(false);
    expect(matches("unknown.thing == 1", vars)).toBe(false);
  });

  it("does not reach prototype properties", () => {
    expect(evaluate("event.constructor", vars)).toBeUndefined();
    expect(evaluate("event.data.__proto__", vars)).toBeUndefined();
    expect(matches("event.data.job_id.length == 2", vars)).toBe(false);
  });

  it("returns values for concurrency and idempotency keys", () => {
    expect(evaluate("event.data.owner", vars)).toBe("urn:u:1");
    expect(evaluate("event.data.nested", vars)).toEqual({ list: [1, 2] });
    expect(evaluate("event.data.nope", vars)).toBeUndefined();
  });

  it("only `true` matches; no expression always matches", () => {
    expect(matches("event.data.n", vars)).toBe(false);
    expect(matches(undefined, vars)).toBe(true);
  });

  it.each(["event.data.x ==", "event.data.(x)", "size(event.data)", "a = b", "'open", "event.data.x == 1 1", "process.exit()"])(
    "rejects %s",
    (expr) => {
      expect(() => compile(expr)).toThrow(/invalid expression/);
    },
  );
});

describe("durations", () => {
  it.each([
    ["1s", 1_000],
    ["30m", 1_800_000],
    ["2h", 7_200_000],
    ["1d", 86_400_000],
    ["1w", 604_800_000],
    ["2h30m10s", 9_010_000],
    ["500ms", 500],
    ["1.5h", 5_400_000],
    ["10 minutes", 600_000],
    ["1500", 1_500],
  ])("%s = %d ms", (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each(["", "soon", "5x", "1s2", "-1s"])("rejects %j", (input) => {
    expect(() => parseDuration(input)).toThrow(/invalid duration/);
  });

  it("resolves a Sleep op's name: a duration, or a sleepUntil timestamp", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(dueAt("1m", now).toISOString()).toBe("2026-01-01T00:01:00.000Z");
    expect(dueAt("2026-02-01T00:00:00.000Z", now).toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(() => dueAt("whenever", now)).toThrow();
  });
});

describe("serve-endpoint responses", () => {
  const sdk = (extra: Record<string, string> = {}) => new Headers({ "x-inngest-sdk": "inngest-js:v4.24.0", ...extra });

  it("classifies what the SDK returns", () => {
    expect(classify(200, sdk(), '{"done":true}')).toEqual({ kind: "complete", output: { done: true } });
    expect(classify(206, sdk(), '[{"op":"StepRun","id":"a","data":1}]')).toMatchObject({ kind: "ops", ops: [{ op: "StepRun" }] });
    expect(classify(400, sdk({ "x-inngest-no-retry": "true" }), '{"name":"NonRetriableError"}')).toMatchObject({ kind: "function-error", final: true });
    expect(classify(500, sdk({ "x-inngest-no-retry": "false" }), '{"name":"Error"}')).toMatchObject({ kind: "function-error", final: false });
    expect(classify(500, sdk(), '{"message":"Function \\"x\\" was not found in this app; is the app synced correctly?"}')).toEqual({ kind: "unknown-function" });
  });

  it("treats responses that are not from the SDK as the app being unavailable", () => {
    expect(classify(502, new Headers(), "Bad Gateway").kind).toBe("unavailable");
    expect(classify(500, new Headers(), "compile error").kind).toBe("unavailable");
    expect(classify(404, new Headers(), "not found").kind).toBe("unavailable");
  });

  it("reads retry-after in seconds or as a date", () => {
    expect(retryAfterMs("5")).toBe(5_000);
    expect(retryAfterMs(new Date(Date.now() + 60_000).toISOString())).toBeGreaterThan(55_000);
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

describe("signing", () => {
  it("canonicalizes JSON per RFC 8785 (sorted keys, no whitespace)", () => {
    expect(canonicalize({ b: [1, "x", { d: null, c: 1.5 }], a: true, u: undefined })).toBe('{"a":true,"b":[1,"x",{"c":1.5,"d":null}]}');
  });

  it("signs the canonical body plus timestamp with the key minus its prefix", () => {
    const body = { z: 1, a: "b" };
    const now = 1_700_000_000_000;
    const expected = createHmac("sha256", "abc123").update('{"a":"b","z":1}1700000000').digest("hex");
    expect(signature(body, "signkey-test-abc123", now)).toBe(`t=1700000000&s=${expected}`);
  });
});
