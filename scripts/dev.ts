/**
 * `just dev` / `just start`: the whole app on one command. Without DATABASE_URL it serves PGlite
 * over the Postgres wire protocol (data under .data/), without S3_ENDPOINT a local S3-protocol
 * server with the buckets and browser CORS; it applies migrations and runs Next.js. Ctrl-C stops
 * everything. Ports: PORT (app, 3000), EMBEDDED_PG_PORT (54329), EMBEDDED_S3_PORT (4569). Without
 * SMTP_URL, MailDev catches the app's email: SMTP on MAILDEV_SMTP_PORT (1025), its web UI on
 * MAILDEV_WEB_PORT (1080). The sound catalog is synthesized in the background once the app serves.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { closeDb, db } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { mailCatcherSettings } from "@/lib/config";
import { ensureSystemAssets, seedSummary } from "@/lib/system-assets/seed";
import { embeddedS3Env, isPortOpen, startPglite, startS3, startScript, type Service } from "./lib/embedded";
import { startMailDev } from "./lib/maildev";

const mode = process.argv[2] === "start" ? "start" : "dev";
if (fs.existsSync(".env")) process.loadEnvFile(".env");
const env = process.env;
// This machine runs Node 20; the AWS SDK's "Node 22 from 2027" notice is known and only clutters
// the local logs (set it to "false" to see it). Production images should run Node 22+.
env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const dataDir = path.resolve(env.DATA_DIR ?? ".data");
const port = Number(env.PORT ?? 3000);
const services: Service[] = [];
let app: ChildProcess | undefined;
let stopping = false;

const say = (msg: string) => process.stdout.write(`[framecast] ${msg}\n`);

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  say("stopping…");
  if (app && app.exitCode === null) {
    const exited = new Promise((r) => app!.once("exit", r));
    app.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
  }
  for (const s of services.reverse()) await s.stop().catch(() => undefined);
  process.exit(code);
}
process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));

async function ensurePortFree(p: number, what: string, hint: string) {
  if (await isPortOpen(p)) {
    say(`port ${p} (${what}) is already in use: stop the other process or set ${hint}.`);
    process.exit(1);
  }
}

/**
 * The local render backend's worker and, unless an Inngest server is configured
 * (INNGEST_BASE_URL), the local Inngest runner that drives /api/inngest.
 */
async function startRenderServices() {
  if (!env.RENDER_WORKER_URL) {
    const workerPort = Number(env.RENDER_WORKER_PORT ?? 8390);
    await ensurePortFree(workerPort, "render worker", "RENDER_WORKER_PORT (or RENDER_WORKER_URL)");
    env.RENDER_WORKER_PORT = String(workerPort);
    const worker = await startScript({ name: "render-worker", script: "scripts/render-worker.ts", port: workerPort, env: { ...env } });
    services.push(worker);
    env.RENDER_WORKER_URL = worker.url;
    say(`render worker (local animatic backend) on ${worker.url}`);
  }
  if (!env.INNGEST_BASE_URL) {
    const runnerPort = Number(env.INNGEST_RUNNER_PORT ?? 8288);
    await ensurePortFree(runnerPort, "Inngest runner", "INNGEST_RUNNER_PORT (or INNGEST_BASE_URL)");
    const runnerEnv = { ...env, INNGEST_RUNNER_PORT: String(runnerPort), INNGEST_SERVE_URL: `http://127.0.0.1:${port}/api/inngest` };
    const runner = await startScript({ name: "inngest", script: "scripts/inngest-runner/main.ts", port: runnerPort, env: runnerEnv });
    services.push(runner);
    env.INNGEST_BASE_URL = runner.url;
    say(`local Inngest runner on ${runner.url} (production uses Inngest Cloud)`);
  }
}

/** PGlite over the wire protocol unless DATABASE_URL is set. */
async function startDatabase() {
  if (env.DATABASE_URL) return;
  const pgPort = Number(env.EMBEDDED_PG_PORT ?? 54329);
  await ensurePortFree(pgPort, "embedded PostgreSQL", "EMBEDDED_PG_PORT (or DATABASE_URL)");
  say(`starting embedded PostgreSQL (PGlite) on 127.0.0.1:${pgPort}, data in ${path.relative(".", dataDir)}/postgres`);
  const pg = await startPglite({ dir: path.join(dataDir, "postgres"), port: pgPort });
  services.push(pg);
  env.DATABASE_URL = pg.url;
  env.DATABASE_POOL_MAX ??= "8";
  env.SIGNUP_CREDITS ??= "1000";
}

/** The embedded S3 store unless S3_ENDPOINT is set. */
async function startStorage() {
  if (env.S3_ENDPOINT) return;
  const s3Port = Number(env.EMBEDDED_S3_PORT ?? 4569);
  await ensurePortFree(s3Port, "embedded S3", "EMBEDDED_S3_PORT (or S3_ENDPOINT)");
  const buckets = [env.S3_BUCKET_OUTPUTS ?? "framecast-outputs", env.S3_BUCKET_ASSETS ?? "framecast-assets"];
  if (env.S3_BUCKET_SYSTEM) buckets.push(env.S3_BUCKET_SYSTEM);
  say(`starting embedded S3 on 127.0.0.1:${s3Port} (buckets: ${buckets.join(", ")})`);
  const s3 = await startS3({ dir: path.join(dataDir, "s3"), port: s3Port, buckets });
  services.push(s3);
  // The embedded store accepts only its own credentials: every service started below signs with them.
  Object.assign(env, embeddedS3Env(s3Port));
}

/** MailDev catches every email the app sends (invitations) unless SMTP_URL points at a real server. */
async function startMailCatcher() {
  if (env.SMTP_URL) return;
  const { smtpPort, webPort } = mailCatcherSettings(env);
  await ensurePortFree(smtpPort, "MailDev SMTP", "MAILDEV_SMTP_PORT (or SMTP_URL)");
  await ensurePortFree(webPort, "MailDev web UI", "MAILDEV_WEB_PORT (or SMTP_URL)");
  const mail = await startMailDev({ smtpPort, webPort });
  services.push(mail);
  env.SMTP_URL = mail.smtpUrl;
  say(`email goes to MailDev: open ${mail.webUrl} to read it (SMTP on 127.0.0.1:${smtpPort})`);
}

async function main() {
  await ensurePortFree(port, "app", "PORT");
  // independent of each other: started side by side (a first run waits for the slowest only)
  await Promise.all([startDatabase(), startStorage(), startMailCatcher()]);
  env.APP_URL ??= `http://localhost:${port}`;
  await startRenderServices();
  const t = Date.now();
  await runMigrations(env.DATABASE_URL!);
  say(`migrations applied (${Date.now() - t} ms)`);
  const nextBin = path.join("node_modules", ".bin", "next");
  if (mode === "start" && !fs.existsSync(path.join(".next", "BUILD_ID"))) {
    say("no production build found: run `just build` first (or `just dev`)");
    return stopAll(1);
  }
  if (mode === "start" && !env.SUPABASE_URL && !env.NODE_ENV) {
    // `next start` would default NODE_ENV to production, where local sign-in is refused. The
    // production build on the local stack runs as NODE_ENV=test instead; production needs Supabase.
    (env as Record<string, string | undefined>).NODE_ENV = "test";
    env.LOG_LEVEL ??= "info";
    say("no SUPABASE_URL: running the production build with local sign-in (NODE_ENV=test)");
  }
  app = spawn(nextBin, [mode, "-p", String(port)], { stdio: "inherit", env });
  app.on("exit", (code) => void stopAll(code ?? 0));
  say(`app on ${env.APP_URL} (${mode} mode) — press Ctrl-C to stop`);
  await seedInBackground();
}

/**
 * The system asset catalog (`just seed`) is synthesized on the first start, after the app serves:
 * the catalog endpoints answer with the assets that are ready, so a first run is not held up by
 * ffmpeg. The app is asked for /v1/status first, so its compile does not share the cores with ffmpeg.
 */
async function seedInBackground() {
  await waitForApp(`http://127.0.0.1:${port}/v1/status`);
  if (stopping) return;
  const seeded = await ensureSystemAssets(db(), { onProgress: (line) => say(`seed ${line}`) }).catch((err: unknown) => {
    if (!stopping) say(`system asset seed failed (run \`just seed\` to retry): ${err instanceof Error ? err.message : String(err)}`);
    return null;
  });
  if (seeded) say(seedSummary(seeded));
  await closeDb();
}

/** Resolves once the app answers (any HTTP status) or has exited. */
async function waitForApp(url: string) {
  while (!stopping && app?.exitCode === null) {
    const answered = await fetch(url, { signal: AbortSignal.timeout(120_000) }).then(
      () => true,
      () => false,
    );
    if (answered) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

main().catch((err: unknown) => {
  say(`failed to start: ${err instanceof Error ? err.message : String(err)}`);
  void stopAll(1);
});
