import { describe, expect, it } from "vitest";
import { formatUrn, membershipUrn, parseUrn, teamUrn, userUrn } from "./index";

const u = "0b7e8f5a-9c1d-4e2f-8a3b-1c2d3e4f5a6b";
const t = "5f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";

describe("URNs", () => {
  it("round-trips the three forms", () => {
    for (const s of [userUrn(u), teamUrn(t), membershipUrn(t, u)]) {
      const parsed = parseUrn(s);
      expect(parsed).not.toBeNull();
      expect(formatUrn(parsed!)).toBe(s);
    }
  });
  it("parses each form into its parts", () => {
    expect(parseUrn(userUrn(u))).toEqual({ kind: "user", userId: u });
    expect(parseUrn(teamUrn(t))).toEqual({ kind: "team", teamId: t });
    expect(parseUrn(membershipUrn(t, u))).toEqual({ kind: "membership", teamId: t, userId: u });
  });
  it("rejects malformed URNs", () => {
    for (const bad of [
      "",
      `framecast:user:${u}`,
      `framecast:team:usr_${u}`,
      `framecast:user:usr_${u.toUpperCase()}`,
      `framecast:user:usr_${u}x`,
      `x${userUrn(u)}`,
      `framecast:tm_${t}`,
    ]) {
      expect(parseUrn(bad)).toBeNull();
    }
  });
});
