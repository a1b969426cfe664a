import { describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config";
import { rehearsalAllows } from "./rehearsal";

describe("the rehearsal's webhook override", () => {
  const url = new URL("https://127.0.0.1:9443/hooks/x");
  it("allows exactly the named https origin, and only with FRAMECAST_REHEARSAL=1", () => {
    expect(rehearsalAllows(url, { REHEARSAL_WEBHOOK_ORIGIN: "https://127.0.0.1:9443", FRAMECAST_REHEARSAL: true })).toBe(true);
    expect(rehearsalAllows(url, { REHEARSAL_WEBHOOK_ORIGIN: "https://127.0.0.1:9443", FRAMECAST_REHEARSAL: false })).toBe(false);
    expect(rehearsalAllows(url, { REHEARSAL_WEBHOOK_ORIGIN: "https://127.0.0.1:9444", FRAMECAST_REHEARSAL: true })).toBe(false);
    expect(rehearsalAllows(new URL("https://10.0.0.1:9443/"), { REHEARSAL_WEBHOOK_ORIGIN: "https://127.0.0.1:9443", FRAMECAST_REHEARSAL: true })).toBe(false);
    expect(rehearsalAllows(url, { REHEARSAL_WEBHOOK_ORIGIN: undefined, FRAMECAST_REHEARSAL: true })).toBe(false);
  });

  it("production refuses to start with the origin but without the rehearsal flag", () => {
    const env = { NODE_ENV: "development", DATABASE_URL: "postgres://u@127.0.0.1:5432/db", REHEARSAL_WEBHOOK_ORIGIN: "https://127.0.0.1:9443" };
    expect(loadConfig(env).REHEARSAL_WEBHOOK_ORIGIN).toBe("https://127.0.0.1:9443");
    expect(() => loadConfig({ ...env, NODE_ENV: "production" })).toThrow(/REHEARSAL_WEBHOOK_ORIGIN: refused without FRAMECAST_REHEARSAL=1/);
  });
});
