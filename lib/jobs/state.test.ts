import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canTransition, isTerminal, JOB_STATUSES, refundFor } from "./state";

describe("job state machine", () => {
  it("allows exactly the spec's transitions", () => {
    const allowed = JOB_STATUSES.flatMap((from) => JOB_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`));
    expect(allowed.sort()).toEqual(
      ["queued->processing", "queued->canceled", "processing->completed", "processing->failed", "processing->canceled"].sort(),
    );
  });

  it("terminal states have no way out", () => {
    for (const s of ["completed", "failed", "canceled"] as const) {
      expect(isTerminal(s)).toBe(true);
      expect(JOB_STATUSES.some((to) => canTransition(s, to))).toBe(false);
    }
    expect(isTerminal("queued")).toBe(false);
    expect(isTerminal("processing")).toBe(false);
  });
});

describe("refund policy (part 4 §4)", () => {
  it("system and timeout refund all; completed none", () => {
    expect(refundFor("system", 110, 60)).toBe(110);
    expect(refundFor("timeout", 110, 99)).toBe(110);
    expect(refundFor("completed", 110, 100)).toBe(0);
  });

  it("validation refunds floor(charged × (1 − p)); cancel floor(charged × (1 − p) × 0.9)", () => {
    expect(refundFor("validation", 110, 30)).toBe(77);
    expect(refundFor("canceled", 110, 30)).toBe(69);
    expect(refundFor("canceled", 100, 0)).toBe(90);
    expect(refundFor("canceled", 100, 100)).toBe(0);
  });

  it("never refunds more than charged, never negative, and a cancel always keeps ≥ 10 %", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: -50, max: 150, noNaN: true }), (charged, p) => {
        for (const o of ["system", "timeout", "validation", "canceled", "completed"] as const) {
          const r = refundFor(o, charged, p);
          expect(Number.isInteger(r)).toBe(true);
          expect(r).toBeGreaterThanOrEqual(0);
          expect(r).toBeLessThanOrEqual(charged);
        }
        expect(refundFor("canceled", charged, p)).toBeLessThanOrEqual(Math.floor(charged * 0.9));
      }),
    );
  });
});
