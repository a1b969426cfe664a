import type { UserRow } from "@/lib/accounts/schemas";
import { provisionUser } from "@/lib/accounts/service";
import { authenticateApiKey } from "@/lib/api-keys/authenticate";
import { config } from "@/lib/config";
import type { DbOrTx } from "@/lib/db/client";
import { LOCAL_SESSION_COOKIE, parseCookies } from "./cookies";
import { verifySupabaseToken } from "./jwt";
import { supabaseCookieToken } from "./supabase";

export interface ApiKeyContext {
  id: string;
  owner: string;
  scopes: string[];
}

export interface Principal {
  user: UserRow;
  /** How the caller authenticated: bearer JWT, browser session cookie, or API key. */
  via: "token" | "cookie" | "api_key";
  apiKey?: ApiKeyContext;
}

export type Resolution =
  | { kind: "anonymous" }
  | { kind: "invalid"; message: string }
  | { kind: "ok"; principal: Principal };

async function fromJwt(db: DbOrTx, token: string, via: Principal["via"]): Promise<Resolution> {
  const claims = await verifySupabaseToken(token);
  if (!claims) return { kind: "invalid", message: "The access token is invalid or expired." };
  return { kind: "ok", principal: { user: await provisionUser(db, claims), via } };
}

/** The cookie session's token: local mode's own cookie, or Supabase's @supabase/ssr cookies. */
export async function sessionTokenFromCookies(cookieHeader: string | null): Promise<string | null> {
  if (!cookieHeader) return null;
  if (config().authMode === "local") return parseCookies(cookieHeader).get(LOCAL_SESSION_COOKIE) ?? null;
  return supabaseCookieToken(cookieHeader);
}

/** Resolves who is calling from the Authorization header, else the session cookie. */
export async function resolvePrincipal(db: DbOrTx, headers: Headers): Promise<Resolution> {
  const authz = headers.get("authorization");
  if (authz) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authz);
    if (!m) return { kind: "invalid", message: "Use 'Authorization: Bearer <token or API key>'." };
    const credential = m[1]!;
    if (credential.startsWith("sk_")) {
      const found = await authenticateApiKey(db, credential);
      if (!found) return { kind: "invalid", message: "The API key is invalid, revoked or expired." };
      return { kind: "ok", principal: { user: found.user, via: "api_key", apiKey: found.key } };
    }
    return fromJwt(db, credential, "token");
  }
  const token = await sessionTokenFromCookies(headers.get("cookie"));
  if (!token) return { kind: "anonymous" };
  const res = await fromJwt(db, token, "cookie");
  return res.kind === "invalid" ? { kind: "anonymous" } : res;
}
