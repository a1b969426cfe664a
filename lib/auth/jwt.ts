import { SignJWT, createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from "jose";
import { config } from "@/lib/config";

export interface SupabaseClaims {
  sub: string;
  email: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Clock skew allowed for a token's issue time.
const IAT_SKEW_SECONDS = 60;

/** Supabase's asymmetric signing keys: ES256 (the default for new keys) and RS256. */
const ASYMMETRIC_ALGS = ["ES256", "RS256"] as const;

export interface JwksTiming {
  /** How long a fetched JWKS is used before it is fetched again (jose `cacheMaxAge`). */
  cacheMaxAgeMs: number;
  /** After a fetch, an unknown `kid` waits this long before it may trigger another fetch (jose `cooldownDuration`). */
  cooldownMs: number;
  /** A JWKS fetch taking longer fails (the token is refused; the next one retries). */
  timeoutMs: number;
}

export const JWKS_TIMING_DEFAULTS: Readonly<JwksTiming> = Object.freeze({ cacheMaxAgeMs: 10 * 60_000, cooldownMs: 30_000, timeoutMs: 5_000 });
let jwksTiming: JwksTiming = { ...JWKS_TIMING_DEFAULTS };

// One key set per URL, kept across Next dev hot reloads: jose caches the keys and refetches on an unknown kid.
const KEY = Symbol.for("framecast.jwks");
const store = globalThis as unknown as Record<symbol, Map<string, ReturnType<typeof createRemoteJWKSet>> | undefined>;

function remoteKeySet(url: string) {
  const sets = (store[KEY] ??= new Map());
  let set = sets.get(url);
  if (!set) {
    set = createRemoteJWKSet(new URL(url), {
      cacheMaxAge: jwksTiming.cacheMaxAgeMs,
      cooldownDuration: jwksTiming.cooldownMs,
      timeoutDuration: jwksTiming.timeoutMs,
    });
    sets.set(url, set);
  }
  return set;
}

/** For tests (a short cooldown to see rotation at once): applies `patch`, drops cached key sets; returns the undo. */
export function setJwksTiming(patch: Partial<JwksTiming>): () => void {
  const previous = jwksTiming;
  jwksTiming = { ...jwksTiming, ...patch };
  store[KEY]?.clear();
  return () => {
    jwksTiming = previous;
    store[KEY]?.clear();
  };
}

function claimsFrom(payload: JWTPayload): SupabaseClaims | null {
  const email = typeof payload.email === "string" ? payload.email.trim().toLowerCase() : "";
  if (!payload.sub || !UUID.test(payload.sub) || !email || email.length > 255) return null;
  if (typeof payload.exp !== "number") return null;
  // Only user sessions: service_role and anon tokens are signed with the same keys.
  if (payload.role !== "authenticated") return null;
  if (typeof payload.iat === "number" && payload.iat > Date.now() / 1000 + IAT_SKEW_SECONDS) return null;
  return { sub: payload.sub.toLowerCase(), email };
}

const VERIFY_OPTIONS = { audience: "authenticated", requiredClaims: ["sub", "exp"] };

/**
 * Verifies a Supabase Auth access token locally. The token's `alg` picks the key: HS256 with
 * SUPABASE_JWT_SECRET (legacy secret, and local mode), ES256/RS256 with the project's JWKS (by `kid`,
 * cached, refetched when an unknown `kid` appears after a rotation). Each path accepts only its own
 * algorithms, so a token cannot pick HS256 with a public key as the secret, nor `none`.
 * Returns null for anything that is not a valid user access token.
 */
export async function verifySupabaseToken(token: string): Promise<SupabaseClaims | null> {
  const c = config();
  try {
    const { alg } = decodeProtectedHeader(token);
    if (alg === "HS256") {
      if (!c.jwtSecret) return null;
      const { payload } = await jwtVerify(token, new TextEncoder().encode(c.jwtSecret), { ...VERIFY_OPTIONS, algorithms: ["HS256"] });
      return claimsFrom(payload);
    }
    if (!c.jwksUrl || !ASYMMETRIC_ALGS.includes(alg as (typeof ASYMMETRIC_ALGS)[number])) return null;
    const { payload } = await jwtVerify(token, remoteKeySet(c.jwksUrl), { ...VERIFY_OPTIONS, algorithms: [...ASYMMETRIC_ALGS] });
    return claimsFrom(payload);
  } catch {
    return null;
  }
}

/** Mints a Supabase-shaped access token (local sign-in and tests). */
export async function signSupabaseToken(
  claims: SupabaseClaims,
  opts: { secret?: string; expiresInSeconds?: number } = {},
): Promise<string> {
  const secret = opts.secret ?? config().jwtSecret;
  if (!secret) throw new Error("No JWT secret configured");
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ email: claims.email, role: "authenticated", aal: "aal1", is_anonymous: false })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.sub)
    .setAudience("authenticated")
    .setIssuer(`${config().APP_URL}/auth/v1`)
    .setIssuedAt(now)
    .setExpirationTime(now + (opts.expiresInSeconds ?? 3600))
    .sign(new TextEncoder().encode(secret));
}
