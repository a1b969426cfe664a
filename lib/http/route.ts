import type { NextRequest } from "next/server";
import type { z } from "zod";
import type { Principal, Resolution } from "@/lib/auth/principal";
import { resolvePrincipal } from "@/lib/auth/principal";
import { hasScope, type Scope } from "@/lib/auth/scopes";
import { db, type Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { userUrn } from "@/lib/urn";
import { readJsonBody } from "./body";
import { AppError, zodToFieldErrors } from "./errors";
import { hitRateLimit, rateLimitError, rateLimitHeaders, type RateLimitState, type RateSubject } from "./rate-limit";
import { json, toErrorResponse } from "./respond";
import { requestIdFrom } from "./request-id";

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteOptions<B, Q, P> {
  /** "required" (default): 401 without valid credentials. "public": anyone; no principal resolved. */
  auth?: "required" | "public";
  tier?: "creator";
  /** What an API key needs (`*` allows all). Sessions and JWTs have every scope. */
  scope?: Scope;
  body?: B;
  query?: Q;
  params?: P;
  /** Reads the body yourself (e.g. YAML); the wrapper then leaves it untouched. */
  rawBody?: boolean;
}

export interface Ctx<B, Q, P, Auth> {
  req: NextRequest;
  principal: Auth;
  body: Out<B>;
  query: Out<Q>;
  params: Out<P>;
  requestId: string;
  db: Db;
}

type Handler<B, Q, P, Auth> = (ctx: Ctx<B, Q, P, Auth>) => Promise<Response | unknown>;
type NextCtx = { params: Promise<Record<string, string | string[]>> };

function clientIp(headers: Headers): string {
  const fwd = headers.get("x-forwarded-for");
  const last = fwd?.split(",").pop()?.trim();
  return last || headers.get("x-real-ip") || "unknown";
}

function authenticate(resolution: Resolution): Principal {
  if (resolution.kind === "ok") return resolution.principal;
  throw AppError.unauthorized(resolution.kind === "invalid" ? resolution.message : "Authentication required.");
}

function authorize(principal: Principal, opts: { tier?: "creator"; scope?: Scope }) {
  if (opts.tier === "creator" && principal.user.tier !== "creator") {
    throw AppError.forbidden("This needs a creator account: upgrade in Settings or with POST /v1/account/upgrade.");
  }
  if (opts.scope && principal.apiKey && !hasScope(principal.apiKey.scopes, opts.scope)) {
    throw AppError.forbidden(`This API key lacks the "${opts.scope}" scope.`);
  }
}

/** Cookie-authenticated writes must come from our own origin (CSRF). */
function assertSameOrigin(principal: Principal, req: NextRequest) {
  if (principal.via !== "cookie" || req.method === "GET" || req.method === "HEAD") return;
  const origin = req.headers.get("origin");
  if (!origin) return;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (!host || originHost !== host) throw AppError.forbidden("Cross-origin requests with a session cookie are refused.");
}

function rateSubject(principal: Principal | null, headers: Headers): RateSubject {
  if (!principal) return { kind: "ip", ip: clientIp(headers) };
  const usageOwner = principal.apiKey?.owner ?? userUrn(principal.user.id);
  return { kind: "user", userId: principal.user.id, tier: principal.user.tier, usageOwner };
}

function parseWith<S extends Schema | undefined>(schema: S | undefined, input: unknown, where: string, notFound = false): Out<S> {
  if (!schema) return undefined as Out<S>;
  const result = schema.safeParse(input);
  if (result.success) return result.data as Out<S>;
  if (notFound) throw AppError.notFound();
  throw AppError.validation(zodToFieldErrors(result.error, where === "body" ? undefined : where));
}

function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) out[k] = v;
  return out;
}

/**
 * The one route wrapper: auth → tier → scope → rate limit → input (zod, unknown fields rejected)
 * → handler → one error envelope. Every response carries X-Request-Id and the rate-limit headers.
 */
export function route<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, P extends Schema | undefined = undefined>(
  opts: RouteOptions<B, Q, P> & { auth: "public" },
  handler: Handler<B, Q, P, Principal | null>,
): (req: NextRequest, ctx: NextCtx) => Promise<Response>;
export function route<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, P extends Schema | undefined = undefined>(
  opts: RouteOptions<B, Q, P>,
  handler: Handler<B, Q, P, Principal>,
): (req: NextRequest, ctx: NextCtx) => Promise<Response>;
export function route<B extends Schema | undefined, Q extends Schema | undefined, P extends Schema | undefined>(
  opts: RouteOptions<B, Q, P>,
  handler: Handler<B, Q, P, Principal> | Handler<B, Q, P, Principal | null>,
) {
  const run = handler as Handler<B, Q, P, Principal | null>;
  return async (req: NextRequest, nextCtx: NextCtx): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers);
    const database = db();
    let limitState: RateLimitState | null = null;
    let principal: Principal | null = null;
    let res: Response;
    try {
      if (opts.auth !== "public") {
        const resolution = await resolvePrincipal(database, req.headers);
        if (resolution.kind !== "ok") limitState = await hitRateLimit(database, rateSubject(null, req.headers));
        if (limitState?.exceeded) throw rateLimitError(limitState);
        principal = authenticate(resolution);
        assertSameOrigin(principal, req);
        authorize(principal, opts);
      }
      limitState ??= await hitRateLimit(database, rateSubject(principal, req.headers));
      if (limitState?.exceeded) throw rateLimitError(limitState);

      const params = parseWith(opts.params, await nextCtx.params, "params", true);
      const query = parseWith(opts.query, queryObject(new URL(req.url)), "query");
      const body = opts.body && !opts.rawBody ? parseWith(opts.body, await readJsonBody(req), "body") : (undefined as Out<B>);
      const out = await run({ req, principal, body, query, params, requestId, db: database });
      res = out instanceof Response ? out : json(out);
    } catch (err) {
      res = toErrorResponse(err, requestId);
    }
    res.headers.set("X-Request-Id", requestId);
    if (limitState) for (const [k, v] of Object.entries(rateLimitHeaders(limitState))) res.headers.set(k, v);
    log.info(
      {
        request_id: requestId,
        method: req.method,
        path: new URL(req.url).pathname,
        status: res.status,
        duration_ms: Math.round(performance.now() - started),
        user_id: principal?.user.id,
        api_key_id: principal?.apiKey?.id,
      },
      "request",
    );
    return res;
  };
}
