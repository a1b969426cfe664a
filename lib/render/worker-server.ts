/**
 * The local render worker: an HTTP server with RunPod Serverless's queue API, so the `local`
 * backend behaves like the GPU one (spec part 4 §3). It renders animatic scenes and stitches jobs
 * (every backend's final stitch runs here, never in the app: spec/jobs.md "Where stitching runs").
 *
 *   POST /v2/local/run          {input: SceneRenderRequest | StitchJobRequest, webhook?} → {id, status: "IN_QUEUE"}
 *   GET  /v2/local/status/:id   → {id, status, output?, error?, executionTime?} (404 if unknown);
 *                               while a stitch runs, output = {progress: 0..1}
 *   POST /v2/local/cancel/:id   → {id, status} (CANCELLED unless it had already finished)
 *   GET  /v2/local/health       → {jobs: {inQueue, inProgress, completed, failed, cancelled}}
 *   GET  /v2/local/_timings/:id → {id, status, timings: {queued, started, rendered|downloaded|stitched, finished}} (epoch ms)
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
import { FaultStore } from "./worker-faults";
import { RenderQueue, resultOf, type WorkerJob } from "./worker-queue";
import { renderSceneJob } from "./worker-render";
import { isStitchRequest } from "./worker-schemas";
import { renderStitchJob } from "./worker-stitch";
import { route, type WorkerContext } from "./worker-routes";

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

/** A stitch carries its storyboard; RunPod's own /run limit is 10 MB. */
const MAX_BODY = 10 << 20;

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

function serve(ctx: WorkerContext): http.Server {
  return http.createServer((req, res) => {
    void route(ctx, req, () => readJson(req))
      .catch((err: unknown) => ({ status: err instanceof SyntaxError ? 400 : 500, body: { error: err instanceof Error ? err.message : String(err) } }))
      .then(({ status, body }) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      });
  });
}

export async function startRenderWorker(opts: RenderWorkerOptions = {}): Promise<RenderWorker> {
  const c = config();
  const client = opts.s3 ?? defaultS3();
  const faults = new FaultStore();
  const webhooks = new AbortController();
  const deliver = (job: WorkerJob) => {
    if (!job.webhook || faults.current.dropWebhook) return;
    void postWebhook(job.webhook, resultOf(job), { delayMs: opts.webhookRetryDelayMs, signal: webhooks.signal }).then((ok) => {
      if (!ok && !webhooks.signal.aborted) log.warn({ requestId: job.id, jobId: job.input.jobId }, "render worker: webhook not delivered");
    });
  };
  const queue = new RenderQueue({
    concurrency: opts.concurrency ?? c.RENDER_WORKER_CONCURRENCY,
    render: (job, signal) =>
      isStitchRequest(job.input)
        ? renderStitchJob(job, job.input, signal, client, faults.current)
        : renderSceneJob(job, job.input, signal, client, faults.current),
    onFinish: deliver,
  });
  const server = serve({ queue, faults, allowFaults: opts.allowFaults ?? !c.isProduction });
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
