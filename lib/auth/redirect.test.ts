import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeNextPath } from "./redirect";

const ORIGIN = "https://app.framecast.test";

/** What a browser does with the value: resolve it against the page's URL. */
function landsOn(next: string): string {
  return new URL(next, `${ORIGIN}/sign-in?next=x`).origin;
}

const hostile = [
  "/\t/evil.example/x",
  "/\n/evil.example",
  "/\r/evil.example",
  "/ /evil.example",
  "/\u000b/evil.example",
  "/\u00a0/evil.example",
  "/\u2028/evil.example",
  "/\u3000/evil.example",
  "/%09/evil.example/x",
  "/%2509/evil.example",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "/%5Cevil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "%2F%2Fevil.example",
  "/%252F%252Fevil.example",
  "/.//evil.example",
  "/..//evil.example",
  "/./\\evil.example",
  "/app/..//evil.example",
  "//evil\u3002example",
  "/\u3002/evil.example",
  "/\uff0f/evil.example",
  "/\uff3cevil.example",
  "https://evil.example",
  "http:/evil.example",
  "javascript:alert(1)",
  "data:text/html,hi",
  "evil.example",
  "./evil",
  "?next=//evil.example",
  "#x",
  "",
  "/%",
  "/%E0%A4%A",
  "/%00",
  "/\u0000/evil.example",
  "/\u200b/evil.example",
  "/\ufeff/evil.example",
  `/${"a".repeat(3000)}`,
];

describe("safeNextPath", () => {
  it.each(hostile.map((v) => [JSON.stringify(v).slice(0, 40), v]))("refuses %s", (_label, v) => {
    expect(safeNextPath(v)).toBe("/app");
  });

  it.each([
    ["/app", "/app"],
    ["/app/new", "/app/new"],
    ["/app/jobs/0b4b6c1e-8e0f-4a58-9f0e-3f7d0c0a1b2c", "/app/jobs/0b4b6c1e-8e0f-4a58-9f0e-3f7d0c0a1b2c"],
    ["/invite/abc_DEF-123", "/invite/abc_DEF-123"],
    ["/app/teams?tab=members#invite", "/app/teams?tab=members#invite"],
    ["/app/./new", "/app/new"],
    ["/docs/../app", "/app"],
  ])("keeps %s", (v, want) => {
    expect(safeNextPath(v)).toBe(want);
  });

  it("takes the first of repeated parameters and falls back for non-strings", () => {
    expect(safeNextPath(["/app/new", "//evil.example"])).toBe("/app/new");
    expect(safeNextPath(["//evil.example", "/app/new"])).toBe("/app");
    expect(safeNextPath(undefined)).toBe("/app");
    expect(safeNextPath(null)).toBe("/app");
    expect(safeNextPath(42)).toBe("/app");
    expect(safeNextPath("//evil.example", "/app/settings")).toBe("/app/settings");
  });

  it("never leaves the origin, whatever the input (property)", () => {
    const pieces = fc.constantFrom("/", "\\", "//", "%2F", "%5C", "%09", "\t", "\n", " ", ".", "..", "\u3002", "\uff0f", "evil.example", ":", "@", "?", "#", "%", "%25", "a");
    const input = fc.oneof(fc.string({ unit: "grapheme", maxLength: 40 }), fc.array(pieces, { maxLength: 12 }).map((p) => p.join("")));
    fc.assert(
      fc.property(input, (raw) => {
        const out = safeNextPath(raw);
        expect(landsOn(out)).toBe(ORIGIN);
        expect(out.startsWith("/") && !out.startsWith("//") && !out.startsWith("/\\")).toBe(true);
        // The browser strips TAB/CR/LF and reads "\" as "/": none may remain in what we hand it.
        expect(out).not.toMatch(/[\s\\]/);
      }),
      { numRuns: 3000 },
    );
  });
});
