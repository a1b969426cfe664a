/**
 * The whole render pipeline in one test process, over real HTTP: our route modules
 * (/api/inngest, /api/render/callback) behind a node:http server, the local Inngest runner driving
 * them, the render worker (ffmpeg) calling back, PostgreSQL and S3 from the integration setup.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { NextRequest } from "next/server";
import { freePort } from "@/scripts/lib/embedded";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface Pipeline {
  appUrl: string;
  workerUrl: string;
  runnerUrl: string;
  stopRunner(): Promise<void>;
  /** Takes the app's HTTP server down (open connections cut) for `ms`, then up again. */
  bounceApp(ms: number): Promise<void>;
  startRunner(): Promise<void>;
  /** With `workerProcess`: SIGKILLs the render worker's process and starts a new one on the same port. */
  restartWorker(): Promise<void>;
  stop(): Promise<void>;
}

interface WorkerHandle {
  url: string;
  stop(): Promise<void>;
  kill?(): Promise<void>;
}

/**
 * The render worker as its own process (`node --import tsx scripts/render-worker.ts`), as in
 * `just dev` and production: whatever ffmpeg runs there is not the test (app) process's doing.
 */
async function workerProcess(port: number): Promise<WorkerHandle> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/render-worker.ts")], {
    env: { ...process.env, RENDER_WORKER_PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (b: Buffer) => {
      out += b.toString();
      if (out.includes("listening on")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`render worker exited (${code}) before listening: ${out}`)));
  });
  const exited = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill(signal);
    });
  return { url: `http://127.0.0.1:${port}`, stop: () => exited("SIGTERM"), kill: () => exited("SIGKILL") };
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

function appServer(routes: Record<string, Partial<Record<string, Handler>>>) {
  return http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const handler = routes[url.pathname]?.[req.method ?? "GET"];
      if (!handler) {
        res.writeHead(404).end();
        return;
      }
      const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const init = { method: req.method, headers, body: body ? new Uint8Array(body) : undefined };
      const out = await handler(new NextRequest(url, init), { params: Promise.resolve({}) });
      res.writeHead(out.status, Object.fromEntries(out.headers));
      res.end(Buffer.from(await out.arrayBuffer()));
    })().catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });
}

/** Env must be set before the route modules (and so the Inngest client and config) load. */
export async function startPipeline(opts: { jobTimeout?: string; workerProcess?: boolean } = {}): Promise<Pipeline> {
  const appPort = await freePort();
  const runnerPort = await freePort();
  const appUrl = `http://127.0.0.1:${appPort}`;
  Object.assign(process.env, {
    APP_URL: appUrl,
    INNGEST_BASE_URL: `http://127.0.0.1:${runnerPort}`,
    JOB_TIMEOUT: opts.jobTimeout ?? "30m",
  });
  let worker: WorkerHandle;
  const workerPort = opts.workerProcess ? await freePort() : 0;
  if (opts.workerProcess) {
    worker = await workerProcess(workerPort);
  } else {
    const { startRenderWorker } = await import("@/lib/render/worker-server");
    worker = await startRenderWorker({ port: 0, webhookRetryDelayMs: 200, allowFaults: true });
  }
  process.env.RENDER_WORKER_URL = worker.url;
  const { resetConfig } = await import("@/lib/config");
  resetConfig();

  const inngestRoute = await import("@/app/api/inngest/route");
  const callback = await import("@/app/api/render/callback/route");
  const server = appServer({
    "/api/inngest": { GET: inngestRoute.GET as Handler, POST: inngestRoute.POST as Handler, PUT: inngestRoute.PUT as Handler },
    "/api/render/callback": { POST: callback.POST as Handler },
  });
  await new Promise<void>((r) => server.listen(appPort, "127.0.0.1", r));

  const { startRunner } = await import("@/scripts/inngest-runner");
  let runner: { url: string; stop(): Promise<void> } | null = null;
  const start = async () => {
    const { createLogger } = await import("@/scripts/inngest-runner/log");
    runner = await startRunner({
      port: runnerPort,
      serveUrl: `${appUrl}/api/inngest`,
      databaseUrl: process.env.DATABASE_URL!,
      retryBaseMs: 200,
      log: createLogger(process.env.PIPELINE_LOG ?? "warn"),
    });
  };
  await start();
  return {
    appUrl,
    workerUrl: worker.url,
    runnerUrl: `http://127.0.0.1:${runnerPort}`,
    startRunner: start,
    restartWorker: async () => {
      if (!worker.kill) throw new Error("restartWorker needs startPipeline({ workerProcess: true })");
      await worker.kill();
      worker = await workerProcess(workerPort);
    },
    bounceApp: async (ms) => {
      await new Promise((r) => {
        server.close(r);
        server.closeAllConnections();
      });
      await new Promise((r) => setTimeout(r, ms));
      await new Promise<void>((r) => server.listen(appPort, "127.0.0.1", r));
    },
    stopRunner: async () => {
      await runner?.stop();
      runner = null;
    },
    stop: async () => {
      await runner?.stop();
      await worker.stop();
      await new Promise((r) => server.close(r));
      server.closeAllConnections();
    },
  };
}
