/**
 * The local render worker: an HTTP server with RunPod Serverless's queue API, so the `local`
 * backend behaves like the GPU one (spec part 4 §3).
 *
 *   POST /v2/local/run          {input: SceneRenderRequest, webhook?} → {id, status: "IN_QUEUE"}
 *   GET  /v2/local/status/:id   → {id, status, output?, error?, executionTime?} (404 if unknown)
 *   POST /v2/local/cancel/:id   → {id, status} (CANCELLED unless it had already finished)
 *   GET  /v2/local/health       → {jobs: {inQueue, inProgress, completed, failed, cancelled}}
 *   POST|DELETE /v2/local/_faults   fault injection for tests (refused in production)
 *
 * A finished job's status body is POSTed to its webhook (not for cancelled jobs).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { S3Client } from "@aws-sdk/client-s3";
import { config } from "@/lib/config";
import { log } from "@/lib/log";
import { s3 as defaultS3 } from "@/lib/storage/s3";
import { postWebhook } from "./webhook";
import { RenderQueue, resultOf, type WorkerJob } from "./worker-queue";
import { renderSceneJob } from "./worker-render";
import { faultsSchema, NO_FAULTS, runBodySchema, type Faults } from "./worker-schemas";

export interface RenderWorkerOptions {
  /** Default RENDER_WORKER_PORT; 0 picks a free port. */
  port?: number;
  host?: string;
  /** Default RENDER_WORKER_CONCURRENCY. */
  concurrency?: number;
  /** Between webhook attempts (RunPod: 10 s). */
  webhookRetryDelayMs?: number;
  s3?: S3Client;
  /** Default: not in production. */
  allowFaults?: boolean;
}

export interface RenderWorker {
  url: string;
  stop(): Promise<void>;
}

const MAX_BODY = 1 << 20;
const ROUTE = /^\/v2\/local\/(run|status|cancel|health|_faults)(?:\/([^/]+))?$/;

type Reply = { status: number; body: unknown };
const reply = (status: number, body: unknown): Reply => ({ status, body });

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error("body too large");
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : {};
}

export async function startRenderWorker(opts: RenderWorkerOptions = {}): Promise<RenderWorker> {
  const c = config();
  const client = opts.s3 ?? defaultS3();
  const allowFaults = opts.allowFaults ?? !c.isProduction;
  const webhooks = new AbortController();
  let faults: Faults = { ...NO_FAULTS };

  const deliver = (job: WorkerJob) => {
    if (!job.webhook || faults.dropWebhook) return;
    void postWebhook(job.webhook, resultOf(job), { delayMs: opts.webhookRetryDelayMs, signal: webhooks.signal }).then((ok) => {
      if (!ok && !webhooks.signal.aborted) log.warn({ jobId: job.id, sceneJobId: job.input.jobId }, "render worker: webhook not delivered");
    });
  };
  const queue = new RenderQueue({
    concurrency: opts.concurrency ?? c.RENDER_WORKER_CONCURRENCY,
    render: (job, signal) => renderSceneJob(job, signal, client, faults),
    onFinish: deliver,
  });

  async function route(method: string, action: string, id: string | undefined, req: http.IncomingMessage): Promise<Reply> {
    if (action === "run" && method === "POST" && !id) {
      if (faults.run500 > 0) {
        faults = { ...faults, run500: faults.run500 - 1 };
        return reply(500, { error: "injected failure" });
      }
      const body = runBodySchema.safeParse(await readJson(req));
      if (!body.success) return reply(400, { error: "invalid run body", issues: body.error.issues });
      const job = queue.submit(body.data.input, body.data.webhook);
      return reply(200, { id: job.id, status: job.status });
    }
    if ((action === "status" && method === "GET") || (action === "cancel" && method === "POST")) {
      const job = id && (action === "cancel" ? queue.cancel(id) : queue.get(id));
      return job ? reply(200, action === "cancel" ? { id: job.id, status: job.status } : resultOf(job)) : reply(404, { error: "job not found" });
    }
    if (action === "health" && method === "GET") return reply(200, { jobs: queue.counts() });
    if (action === "_faults" && !id && (method === "POST" || method === "DELETE")) {
      if (!allowFaults) return reply(403, { error: "fault injection is disabled in production" });
      const set = method === "POST" ? faultsSchema.safeParse(await readJson(req)) : { success: true as const, data: NO_FAULTS };
      if (!set.success) return reply(400, { error: "invalid faults", issues: set.error.issues });
      faults = { ...(method === "POST" ? faults : NO_FAULTS), ...set.data };
      return reply(200, faults);
    }
    return reply(404, { error: "not found" });
  }

  const server = http.createServer((req, res) => {
    const match = ROUTE.exec(new URL(req.url ?? "/", "http://worker").pathname);
    const handled = match ? route(req.method ?? "GET", match[1]!, match[2], req) : Promise.resolve(reply(404, { error: "not found" }));
    void handled
      .catch((err: unknown) => reply(err instanceof SyntaxError ? 400 : 500, { error: err instanceof Error ? err.message : String(err) }))
      .then(({ status, body }) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? c.RENDER_WORKER_PORT, opts.host ?? "127.0.0.1", resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(":") ? `[${address}]` : address}:${port}`,
    async stop() {
      webhooks.abort();
      await queue.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
