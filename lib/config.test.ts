import { describe, expect, it } from "vitest";
import { EMBEDDED_S3_CREDENTIALS } from "@/scripts/lib/embedded";
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

  it("the JWKS URL defaults to the project's well-known path; SUPABASE_JWKS_URL overrides it", () => {
    const base = { DATABASE_URL: "postgres://x@h/db", SUPABASE_ANON_KEY: "anon", RENDER_CALLBACK_SECRET: CALLBACK_SECRET };
    expect(loadConfig({ ...base, SUPABASE_URL: "https://p.supabase.co/" }).jwksUrl).toBe("https://p.supabase.co/auth/v1/.well-known/jwks.json");
    expect(loadConfig({ ...base, SUPABASE_URL: "https://p.supabase.co", SUPABASE_JWKS_URL: "http://127.0.0.1:9999/keys" }).jwksUrl).toBe("http://127.0.0.1:9999/keys");
    expect(loadConfig({ DATABASE_URL: "postgres://x@h/db" }).jwksUrl).toBeUndefined();
  });

  it("prepared statements: off behind a transaction pooler (DATABASE_POOLER=transaction or port 6543), on otherwise", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://x@127.0.0.1:5432/db" }).preparedStatements).toBe(true);
    expect(loadConfig({ DATABASE_URL: "postgres://u:p@aws-0-eu.pooler.supabase.com:6543/postgres" }).preparedStatements).toBe(false);
    expect(loadConfig({ DATABASE_URL: "postgres://x@h:6432/db", DATABASE_POOLER: "transaction" }).preparedStatements).toBe(false);
    expect(loadConfig({ DATABASE_URL: "postgres://x@h:6543/db", DATABASE_POOLER: "session" }).preparedStatements).toBe(true);
    expect(() => loadConfig({ DATABASE_URL: "postgres://x@h/db", DATABASE_POOLER: "statement" })).toThrow(/DATABASE_POOLER/);
  });
});

/** Production guards (issue 9 item 6): each refusal is one line naming its variable. */
describe("production guards", () => {
  const PROD = {
    NODE_ENV: "production",
    DATABASE_URL: "postgres://u:p@db.example.com:5432/postgres",
    SUPABASE_URL: "https://p.supabase.co",
    SUPABASE_ANON_KEY: "anon",
    RENDER_CALLBACK_SECRET: CALLBACK_SECRET,
    S3_ACCESS_KEY_ID: "AKIAEXAMPLE",
    S3_SECRET_ACCESS_KEY: "secret",
    INNGEST_EVENT_KEY: "evt_key",
    INNGEST_SIGNING_KEY: "signkey-prod-0123456789abcdef",
    RENDER_BACKEND: "runpod",
    RUNPOD_API_KEY: "rp_x",
    RUNPOD_ENDPOINT_ID: "abc123",
  };
  const problems = (env: Record<string, string | undefined>) => {
    try {
      loadConfig(env);
      return [];
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as ConfigError).problems;
    }
  };
  /** Exactly one problem, on one line, starting with the variable's name. */
  const refusedFor = (env: Record<string, string | undefined>, variable: string) => {
    const found = problems(env);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${variable}: `));
    expect(found[0]).not.toContain("\n");
  };

  it("a complete production configuration starts", () => {
    const c = loadConfig(PROD);
    expect(c.isProduction).toBe(true);
    expect(c.localRenderInProduction).toBe(false);
  });

  it("the local render backend is refused (RENDER_BACKEND), unless ALLOW_LOCAL_RENDER=true, which the job pages announce", () => {
    refusedFor({ ...PROD, RENDER_BACKEND: "local" }, "RENDER_BACKEND");
    refusedFor({ ...PROD, RENDER_BACKEND: undefined }, "RENDER_BACKEND");
    refusedFor({ ...PROD, RENDER_BACKEND: "local", ALLOW_LOCAL_RENDER: "false" }, "RENDER_BACKEND");
    const allowed = loadConfig({ ...PROD, RENDER_BACKEND: "local", ALLOW_LOCAL_RENDER: "true" });
    expect(allowed.localRenderInProduction).toBe(true);
    expect(loadConfig({ DATABASE_URL: "postgres://x@127.0.0.1/db" }).localRenderInProduction).toBe(false);
  });

  it("the embedded S3 store (loopback on EMBEDDED_S3_PORT with its credentials) is refused (S3_ENDPOINT)", () => {
    const embedded = { S3_ACCESS_KEY_ID: EMBEDDED_S3_CREDENTIALS.accessKeyId, S3_SECRET_ACCESS_KEY: EMBEDDED_S3_CREDENTIALS.secretAccessKey };
    refusedFor({ ...PROD, ...embedded, S3_ENDPOINT: "http://127.0.0.1:4569" }, "S3_ENDPOINT");
    refusedFor({ ...PROD, ...embedded, S3_ENDPOINT: "http://localhost:4570", EMBEDDED_S3_PORT: "4570" }, "S3_ENDPOINT");
    // Another S3-compatible server on this machine, or the same port with real credentials, is fine.
    expect(problems({ ...PROD, ...embedded, S3_ENDPOINT: "http://127.0.0.1:9000" })).toEqual([]);
    expect(problems({ ...PROD, S3_ENDPOINT: "http://127.0.0.1:4569" })).toEqual([]);
  });

  it("missing signing keys are refused, one line each (INNGEST_SIGNING_KEY, INNGEST_EVENT_KEY, RENDER_CALLBACK_SECRET)", () => {
    refusedFor({ ...PROD, INNGEST_SIGNING_KEY: undefined }, "INNGEST_SIGNING_KEY");
    refusedFor({ ...PROD, INNGEST_EVENT_KEY: undefined }, "INNGEST_EVENT_KEY");
    refusedFor({ ...PROD, RENDER_CALLBACK_SECRET: undefined }, "RENDER_CALLBACK_SECRET");
  });

  it("the default local JWT secret is refused (SUPABASE_JWT_SECRET); another secret is fine", () => {
    refusedFor({ ...PROD, SUPABASE_JWT_SECRET: "framecast-local-dev-secret-change-me-0123456789abcdef" }, "SUPABASE_JWT_SECRET");
    expect(problems({ ...PROD, SUPABASE_JWT_SECRET: "a-real-project-secret-0123456789abcdef" })).toEqual([]);
  });

  it("the guards apply only to NODE_ENV=production", () => {
    const dev = { ...PROD, NODE_ENV: "development", RENDER_BACKEND: "local", INNGEST_SIGNING_KEY: undefined, S3_ENDPOINT: "http://127.0.0.1:4569", S3_ACCESS_KEY_ID: "S3RVER", S3_SECRET_ACCESS_KEY: "S3RVER" };
    expect(problems(dev)).toEqual([]);
  });
});
