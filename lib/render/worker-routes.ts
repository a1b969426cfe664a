/** The render worker's endpoints (see worker-server.ts), as functions of a parsed request. */
import type http from "node:http";
import { faultsSchema, type FaultStore } from "./worker-faults";
import { resultOf, type RenderQueue } from "./worker-queue";
import { runBodySchema } from "./worker-schemas";

export interface Reply {
  status: number;
  body: unknown;
}

export interface WorkerContext {
  queue: RenderQueue;
  faults: FaultStore;
  allowFaults: boolean;
}

export type ReadJson = () => Promise<unknown>;

const reply = (status: number, body: unknown): Reply => ({ status, body });
export const NOT_FOUND = reply(404, { error: "not found" });
const ROUTE = /^\/v2\/local\/(run|status|cancel|health|_faults|_timings)(?:\/([^/]+))?$/;

async function run(ctx: WorkerContext, readJson: ReadJson): Promise<Reply> {
  if (ctx.faults.takeRun500()) return reply(500, { error: "injected failure" });
  const body = runBodySchema.safeParse(await readJson());
  if (!body.success) return reply(400, { error: "invalid run body", issues: body.error.issues });
  const job = ctx.queue.submit(body.data.input, body.data.webhook);
  return reply(200, { id: job.id, status: job.status });
}

function status(ctx: WorkerContext, id: string): Reply {
  const job = ctx.queue.get(id);
  return job ? reply(200, resultOf(job)) : reply(404, { error: "job not found" });
}

/** When each phase of a job happened (epoch ms): for the render benchmark's breakdown. */
function timings(ctx: WorkerContext, id: string): Reply {
  const job = ctx.queue.get(id);
  return job ? reply(200, { id: job.id, status: job.status, timings: job.timings }) : reply(404, { error: "job not found" });
}

function cancel(ctx: WorkerContext, id: string): Reply {
  const job = ctx.queue.cancel(id);
  return job ? reply(200, { id: job.id, status: job.status }) : reply(404, { error: "job not found" });
}

async function faults(ctx: WorkerContext, method: string, readJson: ReadJson): Promise<Reply> {
  if (!ctx.allowFaults) return reply(403, { error: "fault injection is disabled in production" });
  if (method === "DELETE") return reply(200, ctx.faults.reset());
  const changes = faultsSchema.safeParse(await readJson());
  return changes.success ? reply(200, ctx.faults.set(changes.data)) : reply(400, { error: "invalid faults", issues: changes.error.issues });
}

export async function route(ctx: WorkerContext, req: http.IncomingMessage, readJson: ReadJson): Promise<Reply> {
  const match = ROUTE.exec(new URL(req.url ?? "/", "http://worker").pathname);
  if (!match) return NOT_FOUND;
  const [, action, id] = match;
  const method = req.method ?? "GET";
  if (action === "run" && method === "POST" && !id) return run(ctx, readJson);
  if (action === "status" && method === "GET" && id) return status(ctx, id);
  if (action === "cancel" && method === "POST" && id) return cancel(ctx, id);
  if (action === "_timings" && method === "GET" && id) return timings(ctx, id);
  if (action === "health" && method === "GET" && !id) return reply(200, { jobs: ctx.queue.counts() });
  if (action === "_faults" && (method === "POST" || method === "DELETE") && !id) return faults(ctx, method, readJson);
  return NOT_FOUND;
}
