import { NextResponse, type NextRequest } from "next/server";
import { createServerClient } from "@supabase/ssr";
import ws from "ws";
import { config as appConfig } from "@/lib/config";
import { methodNotAllowed } from "@/lib/http/methods";

/**
 * /v1: a method the path does not answer gets 405 in the error envelope (Next.js's own is bare);
 * everything else under /v1 passes untouched.
 *
 * Pages: passes the path to server components (`x-pathname`, so a sign-in redirect
 * can come back to the page asked for) and, in Supabase mode, refreshes the session cookies
 * (nothing runs between createServerClient and getClaims).
 */
export async function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/v1/")) {
    return methodNotAllowed(request.method, request.nextUrl.pathname, request.headers) ?? NextResponse.next();
  }
  const headers = new Headers(request.headers);
  headers.set("x-pathname", request.nextUrl.pathname);
  const c = appConfig();
  if (c.authMode !== "supabase" || !c.SUPABASE_URL || !c.SUPABASE_ANON_KEY) {
    return NextResponse.next({ request: { headers } });
  }
  let response = NextResponse.next({ request: { headers } });
  const supabase = createServerClient(c.SUPABASE_URL, c.SUPABASE_ANON_KEY, {
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll: (cookies) => {
        for (const { name, value } of cookies) request.cookies.set(name, value);
        const refreshed = new Headers(request.headers);
        refreshed.set("x-pathname", request.nextUrl.pathname);
        response = NextResponse.next({ request: { headers: refreshed } });
        for (const { name, value, options } of cookies) response.cookies.set(name, value, options);
      },
    },
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
  await supabase.auth.getClaims();
  return response;
}

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp)$).*)"],
};
