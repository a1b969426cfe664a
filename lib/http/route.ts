import type { NextRequest } from "next/server";
import type { z } from "zod";
import type { Principal, Resolution } from "@/lib/auth/principal";
import { resolvePrincipal } from "@/lib/auth/principal";
import { hasScope, type Scope } from "@/lib/auth/scopes";
import { db, type Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { observeRequest } from "@/lib/ops/metrics";
import { MAX_BODY_BYTES, readJsonBody } from "./body";
import { stampPeerAddresses } from "./client-ip";
import { assertNotSimpleType, assertSameOrigin, isBrowserWrite } from "./csrf";
import { AppError, zodToFieldErrors } from "./errors";
import { assertNoNul } from "./json-guard";
import { emptyBody } from "./params";
import { meterRequest } from "./meter";
import { rateLimitHeaders, type RateLimitState } from "./rate-limit";
import { json, toErrorResponse } from "./respond";
import { requestIdFrom } from "./request-id";

type Schema = z.ZodType;

// Instrumentation subscribes at startup; this covers any process that serves routes without it.
stampPeerAddresses();
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteOptions<B, Q, P> {
  /**
   * "required" (default): 401 without valid credentials. "public": anyone; no principal resolved.
   * "optional": anyone; a valid credential makes the caller the principal (and its rate limit).
   */
  auth?: "required" | "public" | "optional";
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

function authenticate(resolution: Resolution): Principal {
  if (resolution.kind === "ok") return resolution.principal;
  throw AppError.unauthorized(resolution.kind === "invalid" ? resolution.message : "Authentication required.");
}

function authorize(principal: Principal, opts: { tier?: "creator"; scope?: Scope }) {
  if (opts.tier === "creator" && principal.user.tier !== "creator") {
    throw AppError.forbidden("This needs a creator account: upgrade on the Teams page (free) or with POST /v1/account/upgrade.");
  }
  if (opts.scope && principal.apiKey && !hasScope(principal.apiKey.scopes, opts.scope)) {
    throw AppError.forbidden(`This API key lacks the "${opts.scope}" scope.`);
  }
}

const ANONYMOUS: Resolution = { kind: "anonymous" };
// A write without a body schema takes no fields: anything sent is an unknown field (422), not ignored.
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

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
  assertNoNul(out, "query");
  return out;
}

async function readBody<B>(opts: RouteOptions<B, unknown, unknown>, req: NextRequest, browserWrite: boolean): Promise<unknown> {
  if (opts.rawBody) {
    if (browserWrite) assertNotSimpleType(req);
    return undefined;
  }
  const schema = opts.body ?? (UNSAFE.has(req.method) ? emptyBody : undefined);
  return schema ? parseWith(schema as Schema, await readJsonBody(req, MAX_BODY_BYTES, browserWrite), "body") : undefined;
}

/** Who is calling: "public" routes never look; "optional" ones count a valid caller as that user. */
async function resolve(auth: RouteOptions<unknown, unknown, unknown>["auth"], database: Db, headers: Headers) {
  const resolution = auth === "public" ? ANONYMOUS : await resolvePrincipal(database, headers);
  return { resolution, caller: resolution.kind === "ok" ? resolution.principal : null };
}

/**
 * The one route wrapper: resolve the caller → rate limit (counted first, so every answer carries its
 * headers) → same-origin check for browser writes → auth → tier → scope → input (zod, unknown fields
 * rejected, strict JSON) → handler → one error envelope. Every response carries X-Request-Id.
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
      // Counted before anything can refuse it, so every answer carries the rate-limit headers.
      const { resolution, caller } = await resolve(opts.auth, database, req.headers);
      await meterRequest(database, caller, req.headers, (s) => (limitState = s));
      const browserWrite = isBrowserWrite(req);
      if (browserWrite) assertSameOrigin(req);
      principal = opts.auth === "public" ? null : opts.auth === "optional" ? caller : authenticate(resolution);
      if (principal) authorize(principal, opts);

      const params = parseWith(opts.params, await nextCtx.params, "params", true);
      const query = parseWith(opts.query, queryObject(new URL(req.url)), "query");
      const body = (await readBody(opts, req, browserWrite)) as Out<B>;
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
    observeRequest(req.method, new URL(req.url).pathname, res.status, performance.now() - started);
    return res;
  };
}
