/** Starts the app the README way (`scripts/dev.ts start`) on ports of its own, for tests and benchmarks. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { SYSTEM_ASSET_IDS } from "@/lib/system-assets/catalog";
import { freePort } from "./embedded";

export interface Stack {
  base: string;
  env: NodeJS.ProcessEnv;
  pgPort: number;
  s3Port: number;
  workerPort: number;
  runnerPort: number;
  /** MailDev's web UI and REST API (the stack's email goes there). */
  mailUrl: string;
  stop(): Promise<void>;
}

export async function waitForHttp(url: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Waits until the system asset catalog is complete in the embedded database. */
async function waitForCatalog(pgPort: number, timeoutMs: number) {
  const sql = postgres(`postgres://postgres:postgres@127.0.0.1:${pgPort}/postgres`, { max: 1, onnotice: () => {} });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from system_assets where id = any(${[...SYSTEM_ASSET_IDS]})`;
      if ((row?.n ?? 0) >= SYSTEM_ASSET_IDS.length) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`the system asset catalog was not complete within ${timeoutMs} ms`);
  } finally {
    await sql.end();
  }
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGINT");
    setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
  });
}

export function ensureBuild(): void {
  if (fs.existsSync(path.join(".next", "BUILD_ID"))) return;
  process.stdout.write("no production build: running next build\n");
  const b = spawnSync(path.join("node_modules", ".bin", "next"), ["build"], { stdio: "inherit" });
  if (b.status !== 0) throw new Error("next build failed");
}

/** The built app on the embedded stack (or on DATABASE_URL / S3_ENDPOINT when `keepServices`). */
export async function startStack(extraEnv: Record<string, string> = {}, opts: { keepServices?: boolean } = {}): Promise<Stack> {
  ensureBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "framecast-stack-"));
  const [port, pgPort, s3Port, workerPort, runnerPort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
  const [mailSmtpPort, mailWebPort] = [await freePort(), await freePort()];
  const base = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    EMBEDDED_S3_PORT: String(s3Port),
    RENDER_WORKER_PORT: String(workerPort),
    INNGEST_RUNNER_PORT: String(runnerPort),
    MAILDEV_SMTP_PORT: String(mailSmtpPort),
    MAILDEV_WEB_PORT: String(mailWebPort),
    APP_URL: base,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // Node 20 here: the AWS SDK's known "Node 22 from 2027" notice (see scripts/dev.ts).
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ?? "true",
    ...extraEnv,
  };
  if (!opts.keepServices) {
    delete env.DATABASE_URL;
    delete env.S3_ENDPOINT;
    delete env.SMTP_URL;
  }
  if (!extraEnv.RENDER_WORKER_URL) delete env.RENDER_WORKER_URL;
  if (!extraEnv.INNGEST_BASE_URL) delete env.INNGEST_BASE_URL;
  const child = spawn(path.join("node_modules", ".bin", "tsx"), ["scripts/dev.ts", "start"], { stdio: "inherit", env });
  const stop = async () => {
    await stopChild(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await Promise.race([
      // The app serves at once; the first start then synthesizes the sound catalog (ffmpeg) in the
      // background. Tests render with catalog sounds, so the stack is ready once every row is there.
      waitForHttp(`${base}/v1/status`, 600_000).then(() => (opts.keepServices ? undefined : waitForCatalog(pgPort, 600_000))),
      new Promise((_, reject) => child.once("exit", (code) => reject(new Error(`the app stack exited with ${code}`)))),
    ]);
  } catch (err) {
    await stop();
    throw err;
  }
  return { base, env, pgPort, s3Port, workerPort, runnerPort, mailUrl: `http://localhost:${mailWebPort}`, stop };
}
