/**
 * Test fixture for the local Inngest runner: a tiny app serving real SDK functions with
 * `serve` from inngest/node, a runner pointed at it, and polling helpers over the runner's API.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/node";
import postgres from "postgres";
import { inject } from "vitest";
import { freePort } from "@/scripts/lib/embedded";
import { startRunner, type Logger } from "@/scripts/inngest-runner";
import { createLogger } from "@/scripts/inngest-runner/log";

export const silent: Logger & { child(): Logger } = {
  debug() {}, info() {}, warn() {}, error() {},
  child: () => silent,
};

/** A client whose events go to the runner on `runnerPort` (dev mode: no keys, no signatures). */
export function testClient(runnerPort: number) {
  return new Inngest({ id: "runner-test", isDev: true, baseUrl: `http://127.0.0.1:${runnerPort}`, logger: silent });
}

export interface TestApp {
  serveUrl: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** Serves the functions on /api/inngest; can be stopped and started again on the same port. */
export async function startApp(client: Inngest, functions: InngestFunction.Like[]): Promise<TestApp> {
  const handler = serve({ client, functions });
  const port = await freePort();
  let server: http.Server | undefined;
  const app: TestApp = {
    serveUrl: `http://127.0.0.1:${port}/api/inngest`,
    async start() {
      server = http.createServer((req, res) => void handler(req, res));
      await new Promise<void>((r) => server!.listen(port, "127.0.0.1", r));
    },
    async stop() {
      server?.closeAllConnections();
      await new Promise((r) => (server ? server.close(r) : r(undefined)));
      server = undefined;
    },
  };
  await app.start();
  return app;
}

/**
 * One runner per database. On a real server every test file has a database of its own; the
 * embedded PGlite is one database for the whole run, so there the runner's test files take turns
 * (a lock directory) and each starts from an empty `inngest_local` schema. Returns the release.
 */
export async function claimDatabase(): Promise<() => void> {
  if (inject("dbMode") === "server") return () => {};
  const id = createHash("sha1").update(inject("templateUrl")).digest("hex").slice(0, 12);
  const lock = path.join(os.tmpdir(), `inngest-runner-tests-${id}.lock`);
  await waitFor("the embedded database", async () => tryLock(lock), 110_000);
  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  await sql`drop schema if exists inngest_local cascade`;
  await sql.end();
  return () => fs.rmSync(lock, { recursive: true, force: true });
}

function tryLock(dir: string): boolean {
  try {
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "pid"), String(process.pid));
    return true;
  } catch {
    const pid = Number(fs.readFileSync(path.join(dir, "pid"), { encoding: "utf8", flag: "a+" }));
    if (pid && !alive(pid)) fs.rmSync(dir, { recursive: true, force: true });
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function runnerFor(app: TestApp, port: number) {
  return startRunner({ port, serveUrl: app.serveUrl, databaseUrl: process.env.DATABASE_URL!, log: runnerLog(), retryBaseMs: 100, pollMs: 100 });
}

/** RUNNER_TEST_LOG=debug shows the runner's log lines. */
const runnerLog = () => (process.env.RUNNER_TEST_LOG ? createLogger(process.env.RUNNER_TEST_LOG) : silent);

export interface RunView {
  id: string;
  function_id: string;
  status: string;
  output: unknown;
  error: { name?: string; message?: string } | null;
  cancel_reason: string | null;
  event: { name: string; data: Record<string, unknown>; id: string };
  steps?: Array<{ id: string; name: string | null; result: { type: string; data?: unknown; error?: unknown } }>;
  pending?: Array<{ kind: string; step_id: string }>;
}

export async function api<T>(runnerUrl: string, path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(runnerUrl + path, init);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { data: T }).data;
}

export const runsOf = (runnerUrl: string, fn: string) => api<RunView[]>(runnerUrl, `/v1/runs?function=${fn}`);
export const runDetail = (runnerUrl: string, id: string) => api<RunView>(runnerUrl, `/v1/runs/${id}`);

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The single run of a function (by its id without the app prefix) once it reaches `status`. */
export async function settledRun(runnerUrl: string, fn: string, status = "completed", timeoutMs?: number): Promise<RunView> {
  const run = await waitFor(`a ${status} run of ${fn}`, async () => (await runsOf(runnerUrl, fn)).find((r) => r.status === status), timeoutMs);
  return runDetail(runnerUrl, run.id);
}

export async function runWith(runnerUrl: string, fn: string, test: (r: RunView) => boolean, what: string, timeoutMs?: number) {
  return waitFor(what, async () => {
    for (const r of await runsOf(runnerUrl, fn)) {
      const detail = await runDetail(runnerUrl, r.id);
      if (test(detail)) return detail;
    }
    return undefined;
  }, timeoutMs);
}

/** A counter per label, for "this side effect happened N times". */
export function counters() {
  const counts = new Map<string, number>();
  return {
    hit: (label: string) => counts.set(label, (counts.get(label) ?? 0) + 1),
    get: (label: string) => counts.get(label) ?? 0,
  };
}
