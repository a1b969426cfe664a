/**
 * `just fault-drill`: real processes, real kills. Starts PGlite, s3rver, the render worker, the
 * Inngest runner and `next start` as separate processes; submits the welcome storyboard, then
 * SIGKILLs the app mid-render and starts it again, and (second job) SIGKILLs the runner and starts
 * it again. Each job must end completed, charged exactly once, with the ledger equal to the balance.
 * Needs a production build (`just build`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { closeDb, db } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { buildPlan } from "@/lib/storyboard/playback";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { seedSystemAssets } from "@/lib/system-assets/seed";
import { stitchAudioRefs } from "@/lib/render/stitch";
import { embeddedS3Env, freePort, startPglite, startS3, waitForPort, type Service } from "./lib/embedded";
import { ensureBuild, waitForHttp } from "./lib/stack";

const say = (m: string) => process.stdout.write(`[drill] ${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function spawnNode(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  // node --import tsx (not the tsx CLI): SIGKILL must reach the process that does the work.
  return spawn(process.execPath, args, { env, stdio: ["ignore", "inherit", "inherit"] });
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

async function main() {
  ensureBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fc-drill-"));
  const [pgPort, s3Port, appPort, workerPort, runnerPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const services: Service[] = [];
  const children: ChildProcess[] = [];
  const pg = await startPglite({ dir: path.join(dir, "pg"), port: pgPort });
  services.push(pg);
  const s3 = await startS3({ dir: path.join(dir, "s3"), port: s3Port, buckets: ["framecast-outputs", "framecast-assets"] });
  services.push(s3);
  const appUrl = `http://127.0.0.1:${appPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "test",
    LOG_LEVEL: "warn",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", // Node 20 here (see scripts/dev.ts)
    DATABASE_URL: pg.url,
    DATABASE_POOL_MAX: "6",
    ...embeddedS3Env(s3Port),
    SIGNUP_CREDITS: "1000",
    APP_URL: appUrl,
    PORT: String(appPort),
    RENDER_WORKER_PORT: String(workerPort),
    RENDER_WORKER_URL: `http://127.0.0.1:${workerPort}`,
    INNGEST_RUNNER_PORT: String(runnerPort),
    INNGEST_BASE_URL: `http://127.0.0.1:${runnerPort}`,
    INNGEST_SERVE_URL: `${appUrl}/api/inngest`,
  };
  Object.assign(process.env, env);
  let failed = false;
  let app: ChildProcess | undefined;
  let runner: ChildProcess | undefined;
  try {
    await runMigrations(pg.url);
    await seedSystemAssets(db(), { only: stitchAudioRefs(WELCOME_SPEC, buildPlan(WELCOME_SPEC)) });
    const tsx = ["--import", "tsx"];
    const worker = spawnNode([...tsx, "scripts/render-worker.ts"], env);
    children.push(worker);
    await waitForPort(workerPort);
    // Slow scenes so there is time to kill things mid-render.
    await fetch(`${env.RENDER_WORKER_URL}/v2/local/_faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ delayMs: 4000 }) });
    runner = spawnNode([...tsx, "scripts/inngest-runner/main.ts"], env);
    await waitForPort(runnerPort);
    const nextBin = path.join("node_modules", "next", "dist", "bin", "next");
    app = spawnNode([nextBin, "start", "-p", String(appPort)], env);
    await waitForHttp(`${appUrl}/v1/status`);

    const signIn = await fetch(`${appUrl}/api/auth/local`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "drill@example.com" }) });
    const { access_token: token } = (await signIn.json()) as { access_token: string };
    const submit = async () => {
      const res = await fetch(`${appUrl}/v1/generate`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ spec: WELCOME_SPEC }),
      });
      if (res.status !== 201) throw new Error(`generate: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    };
    const status = async (id: string) => {
      const [row] = await db().execute<{ status: string; percent: number }>(sql`select status, (progress->>'percent')::int as percent from jobs where id = ${id}`);
      return row!;
    };
    const waitFor = async (id: string, pred: (s: { status: string; percent: number }) => boolean, ms = 180_000) => {
      const deadline = Date.now() + ms;
      for (;;) {
        const s = await status(id);
        if (pred(s)) return s;
        if (Date.now() > deadline) throw new Error(`job ${id} stuck at ${JSON.stringify(s)}`);
        await sleep(250);
      }
    };
    const check = async (id: string, what: string) => {
      const s = await waitFor(id, (x) => ["completed", "failed", "canceled"].includes(x.status));
      const [charges] = await db().execute<{ n: number }>(sql`select count(*)::int as n from credit_ledger where job_id = ${id} and reason = 'job_charge'`);
      const mismatches = await db().execute(sql`
        select u.id from users u left join (select owner, sum(delta) as s from credit_ledger group by owner) l
          on l.owner = 'framecast:user:usr_' || u.id where u.credits <> coalesce(l.s, 0)`);
      const ok = s.status === "completed" && charges!.n === 1 && mismatches.length === 0;
      say(`${what}: job ${s.status}, ${charges!.n} charge(s), ledger ${mismatches.length ? "MISMATCH" : "= balance"} → ${ok ? "PASS" : "FAIL"}`);
      if (!ok) failed = true;
    };

    const job1 = await submit();
    await waitFor(job1, (s) => s.status === "processing" && s.percent >= 5);
    say(`app SIGKILLed mid-render (job ${job1})`);
    await kill9(app);
    await sleep(3000);
    app = spawnNode([nextBin, "start", "-p", String(appPort)], env);
    await waitForHttp(`${appUrl}/v1/status`);
    say("app started again");
    await check(job1, "kill the app");

    const job2 = await submit();
    await waitFor(job2, (s) => s.status === "processing" && s.percent >= 5);
    say(`runner SIGKILLed mid-render (job ${job2})`);
    await kill9(runner);
    await sleep(3000);
    runner = spawnNode([...tsx, "scripts/inngest-runner/main.ts"], env);
    await waitForPort(runnerPort);
    say("runner started again");
    await check(job2, "kill the runner");
  } finally {
    for (const c of [...children, app, runner]) if (c) await kill9(c);
    await closeDb();
    for (const s of services.reverse()) await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exit(1);
  say("all passed");
}

main().catch((err: unknown) => {
  process.stderr.write(`[drill] failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
