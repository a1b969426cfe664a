/**
 * The runner's HTTP API (node:http): the two endpoints the SDK calls (`POST /e/:key` from
 * `inngest.send()`, `POST /fn/register` during a sync) plus health and run inspection for
 * debugging and tests.
 */
import http from "node:http";
import type { Sql } from "./db";
import type { Registry } from "./functions";
import { seededIds } from "./ids";
import { errorMessage, type Logger } from "./log";
import { getRun, insertEvent, listRuns, queueOf, stepList } from "./store";
import { cancelRun } from "./transitions";
import type { FunctionConfig, InngestEvent } from "./types";

const MAX_BODY = 16 * 1024 * 1024;

export interface ServerDeps {
  sql: Sql;
  registry: Registry;
  log: Logger;
  /** Something changed: look for work now rather than at the next poll. */
  wake: () => void;
  onCancelled: (runId: string) => void;
}

type Reply = { status: number; body: unknown };
type Handler = (req: http.IncomingMessage, match: RegExpMatchArray, url: URL) => Promise<Reply>;

export function createServer(deps: ServerDeps): http.Server {
  const routes: Array<[string, RegExp, Handler]> = [
    ["POST", /^\/e\/([^/]+)$/, (req) => receiveEvents(deps, req)],
    ["POST", /^\/fn\/register$/, (req) => register(deps, req)],
    ["GET", /^\/health$/, async () => ({ status: 200, body: { status: "ok" } })],
    ["GET", /^\/v1\/runs$/, (_req, _m, url) => runs(deps, url)],
    ["GET", /^\/v1\/runs\/([^/]+)$/, (_req, m) => runDetail(deps, m[1]!)],
    ["POST", /^\/v1\/runs\/([^/]+)\/cancel$/, (_req, m) => cancel(deps, m[1]!)],
  ];
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://runner");
    const route = routes.find(([method, re]) => method === req.method && re.test(url.pathname));
    const reply = route
      ? route[2](req, url.pathname.match(route[1])!, url).catch((err: unknown) => failure(deps.log, err))
      : Promise.resolve({ status: 404, body: { error: `no route for ${req.method} ${url.pathname}`, status: 404 } });
    void reply.then(({ status, body }) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    });
  });
}

function failure(log: Logger, err: unknown): Reply {
  if (err instanceof BadRequest) return { status: 400, body: { error: err.message, status: 400 } };
  log.error({ err: errorMessage(err) }, "request failed");
  return { status: 500, body: { error: errorMessage(err), status: 500 } };
}

class BadRequest extends Error {}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new BadRequest("body too large");
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new BadRequest("body is not JSON");
  }
}

/** `inngest.send()`: the SDK only accepts `{"ids":[…],"status":200}` as success. */
async function receiveEvents(deps: ServerDeps, req: http.IncomingMessage): Promise<Reply> {
  const raw = await readJson(req);
  const list = (Array.isArray(raw) ? raw : [raw]) as Array<Partial<InngestEvent>>;
  if (list.some((e) => !e || typeof e !== "object" || typeof e.name !== "string" || !e.name)) throw new BadRequest("every event needs a name");
  const ids = seededIds(req.headers["x-inngest-event-id-seed"] as string | undefined, list.length);
  const at = new Date();
  const stored: string[] = [];
  for (const [i, e] of list.entries()) {
    const id = ids[i]!;
    const senderId = typeof e.id === "string" && e.id ? e.id : null;
    const payload = { ...e, name: e.name!, data: e.data ?? {}, id: senderId ?? id, ts: e.ts ?? at.getTime() } as InngestEvent;
    stored.push(await insertEvent(deps.sql, { id, dedupeKey: senderId, payload, at }));
  }
  deps.wake();
  return { status: 200, body: { ids: stored, status: 200 } };
}

async function register(deps: ServerDeps, req: http.IncomingMessage): Promise<Reply> {
  const body = (await readJson(req)) as { url?: string; appName?: string; functions?: FunctionConfig[] };
  if (!body.url || !Array.isArray(body.functions)) throw new BadRequest("expected { url, functions } (an SDK register body)");
  await deps.registry.register(body.appName ?? "app", body.url, body.functions);
  deps.log.info({ app: body.appName, functions: body.functions.map((f) => f.id) }, "functions registered");
  deps.wake();
  return { status: 200, body: { ok: true, modified: true } };
}

async function runs(deps: ServerDeps, url: URL): Promise<Reply> {
  const q = url.searchParams;
  const limit = Math.min(Number(q.get("limit")) || 100, 1000);
  const rows = await listRuns(deps.sql, { status: q.get("status") || undefined, fn: q.get("function") || undefined, limit });
  return { status: 200, body: { data: rows } };
}

async function runDetail(deps: ServerDeps, id: string): Promise<Reply> {
  const run = await getRun(deps.sql, id);
  if (!run) return { status: 404, body: { error: "run not found", status: 404 } };
  const [steps, pending] = await Promise.all([stepList(deps.sql, id), queueOf(deps.sql, id)]);
  const queue = pending.map((p) => ({ kind: p.kind, step_id: p.step_id, attempt: p.attempt, due_at: p.due_at, wait_event: p.wait_event }));
  return { status: 200, body: { data: { ...run, steps, pending: queue } } };
}

async function cancel(deps: ServerDeps, id: string): Promise<Reply> {
  const run = await deps.sql.begin((tx) => cancelRun(tx, id, "cancelled via API", new Date()));
  if (!run) {
    const existing = await getRun(deps.sql, id);
    return existing ? { status: 200, body: { data: existing } } : { status: 404, body: { error: "run not found", status: 404 } };
  }
  deps.onCancelled(id);
  deps.log.info({ run: id, function: run.function_id, status: "cancelled", reason: "api" }, "run finished");
  return { status: 200, body: { data: run } };
}
