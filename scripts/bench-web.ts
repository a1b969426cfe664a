/**
 * `just bench` (web rows): on the built app, in one run, medians of BENCH_WEB_RUNS (3):
 * - start: `next start` → first 200 on /livez, next to its floor — a bare Node http server, spawned
 *   and polled the same way;
 * - editor: /app/new in headless Chromium (cold context each load) → Monaco ready (the editor box
 *   says data-editor="monaco"), and the gzip bytes of the JS loaded before the first Monaco chunk
 *   was requested (a chunk is Monaco's when its source holds Monaco's own marker strings).
 * Prints one line per row: `<row> <value> (goal …)  <details>`. BENCH_WEB_DATA_DIR: keep the
 * embedded stack's data (its seeded sound catalog) in that folder between runs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { embeddedS3Env, freePort } from "./lib/embedded";
import { startStack, stopChild, type Stack } from "./lib/stack";

const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 3);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];
/** Strings only Monaco's own modules contain (the 0.52 core and the editor contributions). */
const MONACO_MARKERS = ["editorWorkerService", "MonacoEnvironment", "vs.editor.ICodeEditorService"];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const secs = (ms: number) => `${(ms / 1000).toFixed(ms < 1000 ? 2 : 1)} s`;
const kb = (bytes: number) => `${Math.round(bytes / 1000)} KB`;

/** Spawns a server and polls `url` every 5 ms until it answers 200; returns the ms from spawn. */
async function timeToFirst200(start: () => ChildProcess, url: string): Promise<number> {
  const t0 = performance.now();
  const child = start();
  let exited = false;
  child.once("exit", () => (exited = true));
  try {
    for (;;) {
      if (exited) throw new Error(`server for ${url} exited before answering`);
      try {
        const res = await fetch(url);
        if (res.status === 200) return performance.now() - t0;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await stopChild(child);
  }
}

function nextStart(stack: Stack, port: number): ChildProcess {
  return spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", String(port)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...stack.env,
      PORT: String(port),
      APP_URL: `http://localhost:${port}`,
      DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${stack.pgPort}/postgres`,
      DATABASE_POOL_MAX: "4",
      NODE_ENV: "test",
      ...embeddedS3Env(stack.s3Port),
      RENDER_WORKER_URL: `http://127.0.0.1:${stack.workerPort}`,
      INNGEST_BASE_URL: `http://127.0.0.1:${stack.runnerPort}`,
    },
  });
}

const BARE_NODE = "require('node:http').createServer((q,s)=>{s.end('ok')}).listen(Number(process.env.PORT),'127.0.0.1')";

async function benchStart(stack: Stack) {
  const next: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const p1 = await freePort();
    next.push(await timeToFirst200(() => nextStart(stack, p1), `http://127.0.0.1:${p1}/livez`));
    const p2 = await freePort();
    bare.push(await timeToFirst200(() => spawn(process.execPath, ["-e", BARE_NODE], { stdio: "ignore", env: { ...process.env, PORT: String(p2) } }), `http://127.0.0.1:${p2}/`));
  }
  const n = median(next);
  const b = median(bare);
  return `start/bare-node ${(n / b).toFixed(1)}× (goal ≤ 1.0 s)  next start ${secs(n)}; bare node ${secs(b)}`;
}

/** One cold load of /app/new: ms from navigation start to Monaco ready, gzip JS before Monaco. */
async function loadEditor(browser: Browser, base: string, storageState: Awaited<ReturnType<import("@playwright/test").BrowserContext["storageState"]>>) {
  const context = await browser.newContext({ storageState });
  const page = await context.newPage();
  // The moment the editor box turns into Monaco, in the page's own clock (from navigation start).
  await page.addInitScript(() => {
    const w = window as unknown as { __monacoReadyAt?: number };
    new MutationObserver((_, obs) => {
      if (document.querySelector('[data-testid="spec-editor"][data-editor="monaco"]')) {
        w.__monacoReadyAt = performance.now();
        obs.disconnect();
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-editor"] });
  });
  const scripts: { order: number; url: string; bytes: Promise<number>; monaco: Promise<boolean> }[] = [];
  let order = 0;
  page.on("request", (req) => {
    if (req.resourceType() !== "script" || !req.url().includes("/_next/")) return;
    const mine = order++;
    // A request still open a few seconds after Monaco is ready (a worker's, a cancelled one) counts as nothing.
    const done = Promise.race([
      req
        .response()
        .then(async (res) => (res && (await res.finished()) === null ? res : null))
        .catch(() => null),
      new Promise<null>((r) => setTimeout(() => r(null), 60_000)),
    ]);
    scripts.push({
      order: mine,
      url: req.url(),
      bytes: done.then(async (res) => (res ? (await req.sizes()).responseBodySize : 0)).catch(() => 0),
      monaco: done.then(async (res) => {
        const body = res ? await res.text().catch(() => "") : "";
        return MONACO_MARKERS.some((m) => body.includes(m));
      }),
    });
  });
  await page.goto(`${base}/app/new`);
  await page.waitForFunction(() => (window as unknown as { __monacoReadyAt?: number }).__monacoReadyAt !== undefined, null, { timeout: 60_000 });
  const readyAt = await page.evaluate(() => (window as unknown as { __monacoReadyAt: number }).__monacoReadyAt);
  const settle = <T,>(p: Promise<T>, fallback: T) => Promise.race([p, new Promise<T>((r) => setTimeout(() => r(fallback), 5_000))]);
  const resolved = await Promise.all(scripts.map(async (s) => ({ ...s, bytes: await settle(s.bytes, 0), monaco: await settle(s.monaco, false) })));
  const firstMonaco = Math.min(...resolved.filter((s) => s.monaco).map((s) => s.order));
  const before = resolved.filter((s) => s.order < firstMonaco);
  const total = resolved.reduce((sum, s) => sum + s.bytes, 0);
  await context.close();
  return { readyAt, beforeBytes: before.reduce((sum, s) => sum + s.bytes, 0), beforeFiles: before.length, totalBytes: total, files: resolved.length };
}

async function benchEditor(base: string) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const signIn = await browser.newContext();
    const res = await signIn.request.post(`${base}/api/auth/local`, { data: { email: `bench-web-${Date.now()}@example.com` } });
    if (!res.ok()) throw new Error(`local sign-in failed: ${res.status()}`);
    const state = await signIn.storageState();
    await signIn.close();
    await loadEditor(browser, base, state); // warm-up: the server compiles nothing, but its caches fill
    const loads = [];
    for (let i = 0; i < RUNS; i++) {
      loads.push(await loadEditor(browser, base, state));
      const l = loads.at(-1)!;
      process.stderr.write(`[bench-web] editor load ${i + 1}: Monaco ready ${Math.round(l.readyAt)} ms, ${l.beforeBytes} B gzip JS before Monaco\n`);
    }
    const ready = median(loads.map((l) => l.readyAt));
    const before = median(loads.map((l) => l.beforeBytes));
    const total = median(loads.map((l) => l.totalBytes));
    const files = median(loads.map((l) => l.beforeFiles));
    return `editor/monaco-ready ${secs(ready)}, ${kb(before)} JS gzip before Monaco (goal ≤ 2 s, ≤ 600 KB)  ${files} JS files before Monaco; ${kb(total)} JS gzip with Monaco (${median(loads.map((l) => l.files))} files)`;
  } finally {
    await browser.close();
  }
}

async function main() {
  let stack: Stack | undefined;
  try {
    // BENCH_WEB_DATA_DIR keeps the embedded stack's data (and its seeded sound catalog) between runs.
    const dataDir = process.env.BENCH_WEB_DATA_DIR;
    stack = await startStack({ LOG_LEVEL: "warn", ...(dataDir ? { DATA_DIR: dataDir } : {}) });
    if (process.env.BENCH_WEB_ONLY !== "editor") process.stdout.write(`\n${await benchStart(stack)}\n`);
    process.stdout.write(`${await benchEditor(stack.base)}\n`);
  } finally {
    await stack?.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench-web failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
