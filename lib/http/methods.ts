/**
 * Which methods each /v1 path answers, from the OpenAPI operations (whose coverage test keeps them
 * equal to the route files' exports). The proxy uses it to answer a wrong method with 405 in the
 * error envelope instead of Next.js's bare 405.
 */
import { OPERATIONS } from "@/lib/openapi/operations";
import { errorBody } from "./errors";
import { requestIdFrom } from "./request-id";

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

/** 405 METHOD_NOT_ALLOWED with `Allow`, or null when the method is fine (or the path unknown). */
export function methodNotAllowed(method: string, pathname: string, headers: Headers): Response | null {
  const allowed = allowedMethods(pathname);
  if (!allowed || method === "OPTIONS" || allowed.includes(method)) return null;
  const requestId = requestIdFrom(headers);
  const use = allowed.filter((m) => m !== "HEAD").join(" or ");
  return Response.json(errorBody("METHOD_NOT_ALLOWED", `${method} is not supported on ${pathname}. Use ${use}.`), {
    status: 405,
    headers: { Allow: allowed.join(", "), "X-Request-Id": requestId },
  });
}
