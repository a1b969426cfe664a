import { NextResponse, type NextRequest } from "next/server";
import { config as appConfig, type Config } from "@/lib/config";
import { methodNotAllowed } from "@/lib/http/methods";
import { dynamicSecurityHeaders, newNonce, pageCsp, storageOrigins } from "@/lib/http/security-headers";

/**
 * /v1: a method the path does not answer gets 405 in the error envelope (Next.js's own is bare);
 * everything else under /v1 passes untouched.
 *
 * Pages: a Content-Security-Policy with a fresh nonce (also on the request, where Next.js reads it
 * to put it on its scripts); the path for server components (`x-pathname`, so a sign-in redirect
 * can come back to the page asked for); and, in Supabase mode, refreshed session cookies
 * (nothing runs between createServerClient and getClaims).
 *
 * The static security headers and the API CSP come from next.config.ts; HSTS is added here because
 * it depends on APP_URL at run time.
 */
export async function proxy(request: NextRequest) {
  const c = appConfig();
  const https = c.APP_URL.startsWith("https:");
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/v1/") || pathname.startsWith("/api/")) {
    const res = (pathname.startsWith("/v1/") && (await methodNotAllowed(request.method, pathname, request.headers))) || NextResponse.next();
    return withHeaders(res, dynamicSecurityHeaders(null, https));
  }
  const nonce = newNonce();
  const csp = pageCspFor(c, https, nonce);
  const forwarded = () => {
    const headers = new Headers(request.headers);
    headers.set("x-pathname", pathname);
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", csp);
    return headers;
  };
  const secure = (res: NextResponse) => withHeaders(res, dynamicSecurityHeaders(csp, https));
  if (c.authMode !== "supabase" || !c.SUPABASE_URL || !c.SUPABASE_ANON_KEY) {
    return secure(NextResponse.next({ request: { headers: forwarded() } }));
  }
  let response = NextResponse.next({ request: { headers: forwarded() } });
  // Loaded in Supabase mode only, on first use (not on every server start).
  const [{ createServerClient }, { default: ws }] = await Promise.all([import("@supabase/ssr"), import("ws")]);
  const supabase = createServerClient(c.SUPABASE_URL, c.SUPABASE_ANON_KEY, {
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll: (cookies) => {
        for (const { name, value } of cookies) request.cookies.set(name, value);
        response = NextResponse.next({ request: { headers: forwarded() } });
        for (const { name, value, options } of cookies) response.cookies.set(name, value, options);
      },
    },
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
  await supabase.auth.getClaims();
  return secure(response);
}

function pageCspFor(c: Config, https: boolean, nonce: string): string {
  return pageCsp({
    nonce,
    dev: c.NODE_ENV === "development",
    https,
    storage: storageOrigins({ ...c, buckets: [c.S3_BUCKET_OUTPUTS, c.S3_BUCKET_ASSETS, c.S3_BUCKET_SYSTEM ?? c.S3_BUCKET_ASSETS] }),
    connect: c.SUPABASE_URL ? [new URL(c.SUPABASE_URL).origin] : [],
  });
}

function withHeaders<R extends Response>(res: R, headers: Record<string, string>): R {
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp)$).*)"],
};
