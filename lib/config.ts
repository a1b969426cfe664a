import { z } from "zod";

/**
 * The only module that reads process.env. Parsed once, lazily, so that importing a module
 * never throws at build time; the first use fails fast with the full list of what is missing.
 */
const LOCAL_JWT_SECRET = "framecast-local-dev-secret-change-me-0123456789abcdef";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  APP_URL: z.string().url().default("http://localhost:3000"),
  APP_VERSION: z.string().default(process.env.npm_package_version ?? "0.1.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  DATABASE_URL: z.string().url(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(8),
  /**
   * "transaction" behind a transaction pooler (Supabase's on port 6543, pgbouncer in transaction mode):
   * no prepared statements. "session" (or a direct connection) keeps them. Unset: transaction when
   * DATABASE_URL's port is 6543, else session.
   */
  DATABASE_POOLER: z.enum(["transaction", "session"]).optional(),
  /** Migrations run here when set (Supabase: the direct or session-pooler URL, not the transaction pooler). */
  DIRECT_DATABASE_URL: z.string().url().optional(),

  SUPABASE_URL: z.string().url().optional(),
  SUPABASE_ANON_KEY: z.string().min(1).optional(),
  SUPABASE_JWT_SECRET: z.string().min(32).optional(),
  /** The JWKS with the project's asymmetric signing keys; default `${SUPABASE_URL}/auth/v1/.well-known/jwks.json`. */
  SUPABASE_JWKS_URL: z.string().url().optional(),
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(1).optional(),
  SIGNUP_CREDITS: z.coerce.number().int().min(0).default(0),

  S3_ENDPOINT: z.string().url().optional(),
  S3_PUBLIC_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_BUCKET_OUTPUTS: z.string().min(3).default("framecast-outputs"),
  S3_BUCKET_ASSETS: z.string().min(3).default("framecast-assets"),
  S3_BUCKET_SYSTEM: z.string().min(3).optional(),
  S3_FORCE_PATH_STYLE: bool,
  /** The embedded S3 store's port (just dev); production refuses an S3_ENDPOINT there with its credentials. */
  EMBEDDED_S3_PORT: z.coerce.number().int().min(1).max(65535).default(4569),

  CREDITS_PER_SECOND: z.coerce.number().positive().default(10),
  GEN_SECONDS_PER_VIDEO_SECOND: z.coerce.number().positive().default(20),

  RATE_LIMIT_STARTER: z.coerce.number().int().min(1).default(60),
  RATE_LIMIT_CREATOR: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_ANONYMOUS: z.coerce.number().int().min(1).default(30),
  /**
   * Redis (redis:// or rediss://) for the rate-limit windows, shared by every app process; unset: they
   * are counted in PostgreSQL. The api_calls usage meter stays in PostgreSQL either way.
   */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, "a redis:// or rediss:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** How many reverse proxies in front of the app append to X-Forwarded-For (0: use the socket address). */
  TRUST_PROXY: z
    .string()
    .regex(/^(\d{1,2}|true|false)?$/, "a number of proxy hops (0 = none)")
    .optional()
    .transform((v) => (v === "true" ? 1 : v === "false" || !v ? 0 : Number(v))),

  // Jobs and rendering (spec part 4)
  RENDER_BACKEND: z.enum(["local", "runpod"]).default("local"),
  /** Production with the local (animatic, CPU) render worker, for GPU-less self-hosting; job pages say so. */
  ALLOW_LOCAL_RENDER: bool,
  /** The local render worker (scripts/render-worker.ts): where the app reaches it, its port and parallel renders. */
  RENDER_WORKER_URL: z.string().url().default("http://127.0.0.1:8390"),
  RENDER_WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(8390),
  RENDER_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  JOB_TIMEOUT: z.string().regex(/^\d+(ms|s|m|h)$/, "a duration like 30m").default("30m"),
  /** Signs render callback URLs and keys webhook-secret encryption; required with Supabase auth. */
  RENDER_CALLBACK_SECRET: z.string().min(32).optional(),
  // Webhooks to loopback/private addresses, for local receivers in development and tests only
  WEBHOOK_ALLOW_PRIVATE: bool,
  // `just rehearse` only: one exact https origin webhooks may reach although it is private, and only
  // with FRAMECAST_REHEARSAL=1 (lib/webhooks/rehearsal.ts). Never set in a real deployment.
  REHEARSAL_WEBHOOK_ORIGIN: z.string().url().optional(),
  FRAMECAST_REHEARSAL: bool,
  // The AI storyboard assistant (off without a key: POST /v1/spec/generate answers 503)
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_MODEL: z.string().min(1).default("claude-sonnet-5-5"),
  ANTHROPIC_BASE_URL: z.string().url().optional(),
  // RunPod Serverless endpoint running worker-comfyui (RENDER_BACKEND=runpod)
  RUNPOD_API_KEY: z.string().min(1).optional(),
  RUNPOD_ENDPOINT_ID: z.string().regex(/^[A-Za-z0-9_-]+$/, "an endpoint id").optional(),
  RUNPOD_API_URL: z.string().url().default("https://api.runpod.ai/v2"),
  RUNPOD_MAX_PARALLEL: z.coerce.number().int().min(1).max(50).default(4),
  INNGEST_EVENT_KEY: z.string().optional(),
  /** Bearer token for GET /metrics (Prometheus); unset: /metrics answers 404. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** OTLP/HTTP endpoint for traces (e.g. http://collector:4318); unset: no tracing. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  /** The previous signing key while Inngest rotates keys (requests signed with either are accepted). */
  INNGEST_SIGNING_KEY_FALLBACK: z.string().optional(),
  INNGEST_BASE_URL: z.string().url().optional(),
  INNGEST_DEV: z.string().optional(),

  /** Outgoing mail (invitations): smtp://user:pass@host:587 or smtps://…:465. `just dev` points it at MailDev. */
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, "an smtp:// or smtps:// URL").optional(),
  /** The From header of every email. */
  EMAIL_FROM: z.string().min(3).default("Framecast <no-reply@framecast.local>"),
});

export type Config = z.infer<typeof schema> & {
  authMode: "supabase" | "local";
  jwtSecret: string | undefined;
  /** Where asymmetric (ES256/RS256) access tokens are verified; undefined in local mode. */
  jwksUrl: string | undefined;
  /** postgres.js `prepare`: off behind a transaction pooler. */
  preparedStatements: boolean;
  isProduction: boolean;
  /** Production renders with the local worker (ALLOW_LOCAL_RENDER): every job page says so. */
  localRenderInProduction: boolean;
};

/** The embedded S3 store's one set of credentials (scripts/lib/embedded.ts EMBEDDED_S3_CREDENTIALS). */
const EMBEDDED_S3_KEY = "S3RVER";
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

function isEmbeddedS3(c: z.infer<typeof schema>): boolean {
  if (!c.S3_ENDPOINT) return false;
  const u = new URL(c.S3_ENDPOINT);
  const port = Number(u.port || (u.protocol === "https:" ? 443 : 80));
  return (
    LOOPBACK_HOSTS.has(u.hostname) &&
    port === c.EMBEDDED_S3_PORT &&
    c.S3_ACCESS_KEY_ID === EMBEDDED_S3_KEY &&
    c.S3_SECRET_ACCESS_KEY === EMBEDDED_S3_KEY
  );
}

/** Transaction poolers (Supabase's port 6543) cannot keep named prepared statements across transactions. */
export function usesPreparedStatements(databaseUrl: string, pooler: "transaction" | "session" | undefined): boolean {
  if (pooler) return pooler === "session";
  try {
    return new URL(databaseUrl).port !== "6543";
  } catch {
    return true;
  }
}

let cached: Config | undefined;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  const problems: string[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join(".") || "(env)"}: ${i.message}`);
  if (!parsed.success) throw new ConfigError(problems);
  const c = parsed.data;
  const isProduction = c.NODE_ENV === "production";
  const authMode = c.SUPABASE_URL ? "supabase" : "local";
  if (isProduction) {
    if (authMode === "local") problems.push("SUPABASE_URL: required in production (local sign-in is refused)");
    if (c.SUPABASE_URL && !c.SUPABASE_ANON_KEY) problems.push("SUPABASE_ANON_KEY: required with SUPABASE_URL");
    if (!c.S3_ACCESS_KEY_ID || !c.S3_SECRET_ACCESS_KEY) problems.push("S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: required in production");
    if (!c.INNGEST_EVENT_KEY) problems.push("INNGEST_EVENT_KEY: required in production (the key the app sends events to Inngest with)");
    if (!c.INNGEST_SIGNING_KEY) problems.push("INNGEST_SIGNING_KEY: required in production (/api/inngest refuses unsigned calls only with it)");
    if (c.WEBHOOK_ALLOW_PRIVATE) problems.push("WEBHOOK_ALLOW_PRIVATE: refused in production");
    if (c.REHEARSAL_WEBHOOK_ORIGIN && !c.FRAMECAST_REHEARSAL) problems.push("REHEARSAL_WEBHOOK_ORIGIN: refused without FRAMECAST_REHEARSAL=1 (a rehearsal-only setting)");
    if (c.RENDER_BACKEND === "local" && !c.ALLOW_LOCAL_RENDER) {
      problems.push("RENDER_BACKEND: the local render worker is refused in production (set RENDER_BACKEND=runpod, or ALLOW_LOCAL_RENDER=true for GPU-less self-hosting)");
    }
    if (isEmbeddedS3(c)) {
      problems.push(`S3_ENDPOINT: the embedded S3 store (127.0.0.1:${c.EMBEDDED_S3_PORT} with its built-in credentials) is refused in production`);
    }
    if (c.SUPABASE_JWT_SECRET === LOCAL_JWT_SECRET) {
      problems.push("SUPABASE_JWT_SECRET: the default local development secret is refused in production");
    }
  }
  // Deriving it from a JWT secret would let anyone holding that secret forge callbacks and read webhook secrets.
  if (authMode === "supabase" && !c.RENDER_CALLBACK_SECRET) {
    problems.push("RENDER_CALLBACK_SECRET: required outside local mode (with SUPABASE_URL), at least 32 characters");
  }
  if (c.RENDER_BACKEND === "runpod" && (!c.RUNPOD_API_KEY || !c.RUNPOD_ENDPOINT_ID)) {
    problems.push("RUNPOD_API_KEY / RUNPOD_ENDPOINT_ID: required with RENDER_BACKEND=runpod");
  }
  if (problems.length) throw new ConfigError(problems);
  const jwtSecret = c.SUPABASE_JWT_SECRET ?? (authMode === "local" ? LOCAL_JWT_SECRET : undefined);
  const jwksUrl = c.SUPABASE_JWKS_URL ?? (c.SUPABASE_URL ? `${c.SUPABASE_URL.replace(/\/+$/, "")}/auth/v1/.well-known/jwks.json` : undefined);
  return {
    ...c,
    authMode,
    jwtSecret,
    jwksUrl,
    preparedStatements: usesPreparedStatements(c.DATABASE_URL, c.DATABASE_POOLER),
    isProduction,
    localRenderInProduction: isProduction && c.RENDER_BACKEND === "local",
  };
}

/**
 * The server's own signing secret (render callbacks, webhook-secret encryption): RENDER_CALLBACK_SECRET,
 * or in local mode only the local JWT secret. loadConfig already refused Supabase mode without it.
 */
export function serverSecret(): string {
  const c = config();
  const secret = c.RENDER_CALLBACK_SECRET ?? (c.authMode === "local" ? c.jwtSecret : undefined);
  if (!secret) throw new ConfigError(["RENDER_CALLBACK_SECRET: required outside local mode"]);
  return secret;
}

export function config(): Config {
  cached ??= loadConfig();
  return cached;
}

/** For tests that change the environment. */
export function resetConfig(): void {
  cached = undefined;
}

/** The log level is needed before (and even when) the rest of the config is valid. */
export function logLevel(env: Record<string, string | undefined> = process.env): string {
  return env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info");
}

/**
 * The Inngest client's settings, readable without the rest of the config (the client is created
 * when the function modules are imported, which also happens during `next build`).
 */
export function inngestSettings(env: Record<string, string | undefined> = process.env) {
  const production = env.NODE_ENV === "production";
  const signingKey = env.INNGEST_SIGNING_KEY || undefined;
  const isDev = !signingKey && !production;
  return {
    isDev,
    baseUrl: env.INNGEST_BASE_URL || (isDev ? "http://127.0.0.1:8288" : undefined),
    eventKey: env.INNGEST_EVENT_KEY || (isDev ? "local" : undefined),
    signingKey,
    signingKeyFallback: env.INNGEST_SIGNING_KEY_FALLBACK || undefined,
  };
}

/** JOB_TIMEOUT for the render function's config, readable at import time like inngestSettings. */
export function jobTimeoutSetting(env: Record<string, string | undefined> = process.env): string {
  const v = env.JOB_TIMEOUT;
  return v && /^\d+(ms|s|m|h)$/.test(v) ? v : "30m";
}

const port = (v: string | undefined, fallback: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : fallback;
};

/**
 * The local mail catcher `just dev` starts when SMTP_URL is unset (MailDev): SMTP on
 * 127.0.0.1:MAILDEV_SMTP_PORT (1025), web UI and REST API on MAILDEV_WEB_PORT (1080). Readable
 * without the rest of the config (scripts/dev.ts runs before DATABASE_URL exists).
 */
export function mailCatcherSettings(env: Record<string, string | undefined> = process.env) {
  return { smtpPort: port(env.MAILDEV_SMTP_PORT, 1025), webPort: port(env.MAILDEV_WEB_PORT, 1080) };
}
