import { createServerClient } from "@supabase/ssr";
import ws from "ws";
import { config } from "@/lib/config";
import { parseCookies } from "./cookies";

type CookieToSet = { name: string; value: string; options?: Record<string, unknown> };

/**
 * A per-request Supabase server client over the request's cookies. Cookies Supabase wants to set
 * (token refresh) are collected in `pending` for the caller to apply to its response.
 */
export function supabaseForCookies(cookieHeader: string | null, pending: CookieToSet[] = []) {
  const c = config();
  if (!c.SUPABASE_URL || !c.SUPABASE_ANON_KEY) return null;
  const jar = parseCookies(cookieHeader);
  return createServerClient(c.SUPABASE_URL, c.SUPABASE_ANON_KEY, {
    cookies: {
      getAll: () => [...jar.entries()].map(([name, value]) => ({ name, value })),
      setAll: (cookies: CookieToSet[]) => {
        pending.push(...cookies);
      },
    },
    // Node 20 has no native WebSocket; supabase-js insists on one for realtime.
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
}

/** The access token of the Supabase cookie session, if any (verified by the caller). */
export async function supabaseCookieToken(cookieHeader: string | null): Promise<string | null> {
  if (!cookieHeader || !cookieHeader.includes("sb-")) return null;
  const client = supabaseForCookies(cookieHeader);
  if (!client) return null;
  const { data } = await client.auth.getSession();
  return data.session?.access_token ?? null;
}
