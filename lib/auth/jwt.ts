import { SignJWT, createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { config } from "@/lib/config";

export interface SupabaseClaims {
  sub: string;
  email: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

// Clock skew allowed for a token's issue time.
const IAT_SKEW_SECONDS = 60;

function claimsFrom(payload: JWTPayload): SupabaseClaims | null {
  const email = typeof payload.email === "string" ? payload.email.trim().toLowerCase() : "";
  if (!payload.sub || !UUID.test(payload.sub) || !email || email.length > 255) return null;
  if (typeof payload.exp !== "number") return null;
  // Only user sessions: service_role and anon tokens are signed with the same secret.
  if (payload.role !== "authenticated") return null;
  if (typeof payload.iat === "number" && payload.iat > Date.now() / 1000 + IAT_SKEW_SECONDS) return null;
  return { sub: payload.sub.toLowerCase(), email };
}

/**
 * Verifies a Supabase Auth access token locally: HS256 with SUPABASE_JWT_SECRET when set,
 * otherwise against the project's JWKS. Returns null for anything that is not a valid token.
 */
export async function verifySupabaseToken(token: string): Promise<SupabaseClaims | null> {
  const c = config();
  try {
    if (c.jwtSecret) {
      const { payload } = await jwtVerify(token, new TextEncoder().encode(c.jwtSecret), {
        algorithms: ["HS256"],
        audience: "authenticated",
        requiredClaims: ["sub", "exp"],
      });
      return claimsFrom(payload);
    }
    if (!c.SUPABASE_URL) return null;
    jwks ??= createRemoteJWKSet(new URL("/auth/v1/.well-known/jwks.json", c.SUPABASE_URL));
    const { payload } = await jwtVerify(token, jwks, {
      audience: "authenticated",
      requiredClaims: ["sub", "exp"],
    });
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
