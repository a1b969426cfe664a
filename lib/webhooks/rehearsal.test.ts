import { describe, expect, it } from "vitest";
import { rehearsalAllows } from "./rehearsal";

describe("the rehearsal's webhook override", () => {
  const url = new URL("https://127.0.0.1:9443/hooks/x");
  it("allows exactly the named https origin, and only with FRAMECAST_REHEARSAL=1", () => {
    expect(rehearsalAllows(url, { REHEARSAL_WEBHOOK_ORIGIN: "https://127.0.0.1:9443", FRAMECAST_REHEARSAL: "1" })).toBe(true);
    expect(rehearsalAllows(url, { REHEARSAL_WEBHOOK_ORIGIN: "https://127.0.0.1:9443" })).toBe(false);
    expect(rehearsalAllows(url, { REHEARSAL_WEBHOOK_ORIGIN: "https://127.0.0.1:9444", FRAMECAST_REHEARSAL: "1" })).toBe(false);
    expect(rehearsalAllows(new URL("https://10.0.0.1:9443/"), { REHEARSAL_WEBHOOK_ORIGIN: "https://127.0.0.1:9443", FRAMECAST_REHEARSAL: "1" })).toBe(false);
    expect(rehearsalAllows(url, { FRAMECAST_REHEARSAL: "1" })).toBe(false);
  });
});
