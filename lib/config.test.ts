import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

const CALLBACK_SECRET = "c".repeat(32);

describe("config", () => {
  it("local defaults: local auth mode with the development secret", () => {
    const c = loadConfig({ DATABASE_URL: "postgres://x@127.0.0.1/db" });
    expect(c.authMode).toBe("local");
    expect(c.jwtSecret).toBeTruthy();
    expect(c.SIGNUP_CREDITS).toBe(0);
    expect(c.RATE_LIMIT_STARTER).toBe(60);
  });

  it("production without Supabase and S3 credentials fails listing everything missing", () => {
    try {
      loadConfig({ NODE_ENV: "production", DATABASE_URL: "postgres://x@127.0.0.1/db" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join("\n");
      expect(problems).toContain("SUPABASE_URL");
      expect(problems).toContain("S3_ACCESS_KEY_ID");
    }
  });

  it("a missing DATABASE_URL and malformed values are reported together", () => {
    try {
      loadConfig({ SIGNUP_CREDITS: "-5", APP_URL: "not a url" });
      expect.unreachable();
    } catch (err) {
      const problems = (err as ConfigError).problems.join("\n");
      expect(problems).toContain("DATABASE_URL");
      expect(problems).toContain("SIGNUP_CREDITS");
      expect(problems).toContain("APP_URL");
    }
  });

  it("Supabase mode without an HS256 secret verifies with the JWKS (no local secret)", () => {
    const c = loadConfig({ DATABASE_URL: "postgres://x@h/db", SUPABASE_URL: "https://p.supabase.co", SUPABASE_ANON_KEY: "anon", RENDER_CALLBACK_SECRET: CALLBACK_SECRET });
    expect(c.authMode).toBe("supabase");
    expect(c.jwtSecret).toBeUndefined();
  });

  it("render settings: local backend and a 30 minute timeout by default; runpod needs its key and endpoint", () => {
    const c = loadConfig({ DATABASE_URL: "postgres://x@127.0.0.1/db" });
    expect(c.RENDER_BACKEND).toBe("local");
    expect(c.JOB_TIMEOUT).toBe("30m");
    expect(() => loadConfig({ DATABASE_URL: "postgres://x@127.0.0.1/db", RENDER_BACKEND: "runpod" })).toThrow(/RUNPOD_API_KEY \/ RUNPOD_ENDPOINT_ID/);
    const runpod = loadConfig({ DATABASE_URL: "postgres://x@127.0.0.1/db", RENDER_BACKEND: "runpod", RUNPOD_API_KEY: "rp_x", RUNPOD_ENDPOINT_ID: "abc123" });
    expect(runpod).toMatchObject({ RENDER_BACKEND: "runpod", RUNPOD_API_URL: "https://api.runpod.ai/v2", RUNPOD_MAX_PARALLEL: 4 });
    expect(() => loadConfig({ DATABASE_URL: "postgres://x@127.0.0.1/db", JOB_TIMEOUT: "soon" })).toThrow(ConfigError);
  });

  it("Supabase mode without RENDER_CALLBACK_SECRET refuses to start, whatever NODE_ENV (no key derived from the JWT secret)", () => {
    for (const NODE_ENV of ["development", "test", "production"]) {
      const env = { NODE_ENV, DATABASE_URL: "postgres://x@h/db", SUPABASE_URL: "https://p.supabase.co", SUPABASE_ANON_KEY: "anon", SUPABASE_JWT_SECRET: "s".repeat(40) };
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(/RENDER_CALLBACK_SECRET/);
    }
    expect(loadConfig({ DATABASE_URL: "postgres://x@127.0.0.1/db" }).RENDER_CALLBACK_SECRET).toBeUndefined();
  });

  it("TRUST_PROXY is a number of proxy hops, 0 by default", () => {
    const base = { DATABASE_URL: "postgres://x@127.0.0.1/db" };
    expect(loadConfig(base).TRUST_PROXY).toBe(0);
    expect(loadConfig({ ...base, TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ ...base, TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(() => loadConfig({ ...base, TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY/);
  });
});
