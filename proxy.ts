import { NextResponse, type NextRequest } from "next/server";
import { createServerClient } from "@supabase/ssr";
import ws from "ws";
import { config as appConfig } from "@/lib/config";

/**
 * Supabase mode only: refreshes the session cookies on page requests (run nothing between
 * createServerClient and getClaims). Local mode has nothing to refresh.
 */
export async function proxy(request: NextRequest) {
  const c = appConfig();
  if (c.authMode !== "supabase" || !c.SUPABASE_URL || !c.SUPABASE_ANON_KEY) return NextResponse.next();
  let response = NextResponse.next({ request });
  const supabase = createServerClient(c.SUPABASE_URL, c.SUPABASE_ANON_KEY, {
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll: (cookies) => {
        for (const { name, value } of cookies) request.cookies.set(name, value);
        response = NextResponse.next({ request });
        for (const { name, value, options } of cookies) response.cookies.set(name, value, options);
      },
    },
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
  await supabase.auth.getClaims();
  return response;
}

export const config = {
  matcher: ["/((?!v1/|api/|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp)$).*)"],
};
