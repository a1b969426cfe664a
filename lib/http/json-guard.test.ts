import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { parseJsonStrict } from "./json-guard";

function error(text: string): AppError {
  try {
    parseJsonStrict(text);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("accepted");
}

describe("parseJsonStrict", () => {
  it("accepts ordinary JSON, brackets inside strings included", () => {
    expect(parseJsonStrict('{"a": "[[[[{{", "b": [1, {"c": null}]}')).toEqual({ a: "[[[[{{", b: [1, { c: null }] });
  });

  it("duplicate keys → 400 with the path", () => {
    expect(error('{"a": {"b": 1, "b": 2}}')).toMatchObject({ code: "BAD_REQUEST", details: { path: "a.b" } });
  });

  it("nesting deeper than 64 → 400; 64 is fine", () => {
    expect(() => parseJsonStrict(`${"[".repeat(64)}${"]".repeat(64)}`)).not.toThrow();
    expect(error(`${"[".repeat(65)}${"]".repeat(65)}`)).toMatchObject({ code: "BAD_REQUEST", details: { limit: 64 } });
    expect(error(`${"[".repeat(100_000)}`)).toMatchObject({ code: "BAD_REQUEST", details: { limit: 64 } });
  });

  it("prototype keys and NUL characters → 422 with paths", () => {
    const e = error('{"x": [{"__proto__": 1}], "y": {"constructor": 2, "prototype": 3}, "z": "a\\u0000"}');
    expect(e.code).toBe("VALIDATION_ERROR");
    expect((e.details!.errors as { path: string }[]).map((x) => x.path)).toEqual(["x[0].__proto__", "y.constructor", "y.prototype", "z"]);
  });

  it("malformed JSON stays a 400", () => {
    expect(error('{"a": ').code).toBe("BAD_REQUEST");
  });
});
