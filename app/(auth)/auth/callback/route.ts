import { createServerClient } from "@supabase/ssr";
import { cookies } from "next/headers";
import { NextResponse, type NextRequest } from "next/server";
import ws from "ws";
import { safeNextPath } from "@/lib/auth/redirect";
import { config } from "@/lib/config";

/**
 * GET /auth/callback?code=…&next=… — the Supabase magic-link (PKCE) landing route: exchange the
 * code for a session (stored in the @supabase/ssr cookies), then continue to `next`.
 */
export async function GET(request: NextRequest) {
  const url = new URL(request.url);
  const next = safeNextPath(url.searchParams.get("next"), "/app", url.origin);
  const code = url.searchParams.get("code");
  const back = (error: string) => {
    const to = new URL("/sign-in", url.origin);
    to.searchParams.set("error", error);
    if (next !== "/app") to.searchParams.set("next", next);
    return NextResponse.redirect(to);
  };

  const c = config();
  if (!c.SUPABASE_URL || !c.SUPABASE_ANON_KEY) return back("not_configured");
  if (!code) return back("missing_code");

  const jar = await cookies();
  const supabase = createServerClient(c.SUPABASE_URL, c.SUPABASE_ANON_KEY, {
    cookies: {
      getAll: () => jar.getAll(),
      setAll: (toSet) => {
        for (const { name, value, options } of toSet) jar.set(name, value, options);
      },
    },
    // Node 20 has no global WebSocket; supabase-js needs one for its (unused here) realtime client.
    realtime: { transport: ws as unknown as typeof WebSocket },
  });

  const { error } = await supabase.auth.exchangeCodeForSession(code);
  if (error) return back("callback");
  return NextResponse.redirect(new URL(next, url.origin));
}
