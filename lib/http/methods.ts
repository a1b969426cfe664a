/**
 * Which methods each /v1 path answers, from the OpenAPI operations (whose coverage test keeps them
 * equal to the route files' exports). The proxy uses it to answer a wrong method with 405 in the
 * error envelope instead of Next.js's bare 405.
 */
import { NextRequest } from "next/server";
import { OPERATIONS } from "@/lib/openapi/operations";
import { AppError } from "./errors";
import { route } from "./route";

const ROUTES = (() => {
  const byPath = new Map<string, Set<string>>();
  for (const op of OPERATIONS) byPath.set(op.path, (byPath.get(op.path) ?? new Set()).add(op.method.toUpperCase()));
  return [...byPath].map(([path, methods]) => ({
    pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+").replace(/\./g, "\\.")}/?$`),
    methods: [...methods],
  }));
})();

/** The methods `pathname` answers, or null when no endpoint has that path (the 404 route's case). */
export function allowedMethods(pathname: string): string[] | null {
  const route = ROUTES.find((r) => r.pattern.test(pathname));
  if (!route) return null;
  // HEAD comes with GET (Next.js answers it from the GET handler).
  return route.methods.includes("GET") ? [...route.methods, "HEAD"] : route.methods;
}

/** The 405 as an error, so the route wrapper answers it: counted, with the rate-limit headers. */
const wrongMethod = route({ auth: "optional", rawBody: true }, async ({ req }) => {
  const { pathname } = new URL(req.url);
  const allowed = allowedMethods(pathname) ?? [];
  const use = allowed.filter((m) => m !== "HEAD").join(" or ");
  throw new AppError("METHOD_NOT_ALLOWED", `${req.method} is not supported on ${pathname}. Use ${use}.`, undefined, { Allow: allowed.join(", ") });
});

/**
 * 405 METHOD_NOT_ALLOWED with `Allow`, counted toward the caller's rate limit like any /v1 request;
 * null when the method is fine (or the path unknown: the catch-all route answers 404). proxy.ts:
 * `return (await methodNotAllowed(request.method, request.nextUrl.pathname, request.headers)) ?? NextResponse.next();`
 */
export async function methodNotAllowed(method: string, pathname: string, headers: Headers): Promise<Response | null> {
  const allowed = allowedMethods(pathname);
  if (!allowed || method === "OPTIONS" || allowed.includes(method)) return null;
  const url = new URL(pathname, `http://${headers.get("host") ?? "localhost"}`);
  let req: NextRequest;
  try {
    req = new NextRequest(url, { method, headers });
  } catch {
    req = new NextRequest(url, { method: "POST", headers }); // methods fetch forbids (TRACE, CONNECT)
  }
  return wrongMethod(req, { params: Promise.resolve({}) });
}
