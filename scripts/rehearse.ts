/**
 * `just rehearse`: the production build, NODE_ENV=production, on this machine, with every
 * production-shaped path (spec/jobs.md "Rehearsal"):
 * - a fresh database on the real PostgreSQL at 127.0.0.1:5432 (REHEARSE_PG_URL), dropped at the end;
 * - the SigV4-checking S3 emulator with credentials of its own on a port of its own (the production
 *   guard refuses the embedded store's);
 * - a local ES256 JWKS issuer standing in for Supabase Auth (SUPABASE_URL);
 * - the local Inngest runner signing its calls (INNGEST_SIGNING_KEY / INNGEST_EVENT_KEY on both sides);
 * - RENDER_BACKEND=runpod against the project's fake RunPod + worker-comfyui (a process), and the
 *   render worker doing the stitch; RENDER_CALLBACK_SECRET set;
 * - a team webhook to a local HTTPS receiver (REHEARSAL_WEBHOOK_ORIGIN + FRAMECAST_REHEARSAL=1, the
 *   one rehearsal-only override: lib/webhooks/rehearsal.ts).
 * Then a client's smoke test, one line per step (`ok  <step> (<detail>)` / `FAIL <step>: <why>`);
 * exits non-zero on any failure. Needs a production build (`just build`; built here when missing).
 */
import { randomBytes, createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { ensureBuild, waitForHttp } from "./lib/stack";
import { freePort, waitForPort } from "./lib/embedded";
import { startProc, type Proc } from "./lib/rehearse/procs";
import { startReceiver, type Receiver } from "./lib/rehearse/receiver";
import { readEvents, type SseEvent } from "./lib/rehearse/sse";

const PG_ADMIN_URL = process.env.REHEARSE_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/** A guard against a hung run in CI, not a performance budget. */
const OVERALL_MS = 20 * 60_000;

let failed = false;
const ok = (step: string, detail: string) => process.stdout.write(`ok  ${step} (${detail})\n`);
const fail = (step: string, why: string) => {
  failed = true;
  process.stdout.write(`FAIL ${step}: ${why.replace(/\s+/g, " ").slice(0, 1500)}\n`);
};
class StepFailed extends Error {}

async function step<T>(name: string, fn: () => Promise<[T, string]>): Promise<T> {
  try {
    const [value, detail] = await fn();
    ok(name, detail);
    return value;
  } catch (err) {
    fail(name, err instanceof Error ? err.message : String(err));
    throw new StepFailed(name);
  }
}

const secret = (n = 24) => randomBytes(n).toString("hex");

async function main() {
  const timer = setTimeout(() => {
    fail("rehearsal", `still running after ${OVERALL_MS / 60_000} min`);
    process.exit(1);
  }, OVERALL_MS);
  timer.unref();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fc-rehearse-"));
  const procs: Proc[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  let dbName = "";
  try {
    await run(dir, procs, cleanups, (n) => (dbName = n));
  } catch (err) {
    if (!(err instanceof StepFailed)) fail("rehearsal", err instanceof Error ? (err.stack ?? err.message) : String(err));
  } finally {
    for (const p of procs.reverse()) await p.signal("SIGKILL");
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    if (dbName) {
      const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists "${dbName}" with (force)`).catch((err: unknown) => fail("cleanup", `drop database ${dbName}: ${String(err)}`));
      await admin.end();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(failed ? "rehearsal FAILED\n" : "rehearsal passed\n");
  process.exit(failed ? 1 : 0);
}

async function run(dir: string, procs: Proc[], cleanups: (() => Promise<unknown>)[], setDb: (name: string) => void) {
  const tsx = ["--import", "tsx"];
  await step("build", async () => {
    ensureBuild();
    return [null, `production build ${fs.readFileSync(".next/BUILD_ID", "utf8").trim()}`];
  });

  const dbName = `framecast_rehearse_${secret(4)}`;
  const databaseUrl = await step("database", async () => {
    const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database "${dbName}"`);
    } finally {
      await admin.end();
    }
    setDb(dbName);
    const u = new URL(PG_ADMIN_URL);
    u.pathname = `/${dbName}`;
    return [u.toString(), `fresh database ${dbName} on ${u.host}`];
  });

  const [s3Port, appPort, workerPort, runnerPort, receiverPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const s3Creds = { id: `rehearse-${secret(6)}`, secret: secret(20) };
  await step("s3", async () => {
    const p = startProc(
      "s3",
      [...tsx, "scripts/lib/rehearse/s3-server.ts", `--dir=${path.join(dir, "s3")}`, `--port=${s3Port}`, `--socket=${path.join(dir, "s3.sock")}`, "--bucket=framecast-outputs", "--bucket=framecast-assets"],
      { ...process.env, REHEARSAL_S3_ACCESS_KEY_ID: s3Creds.id, REHEARSAL_S3_SECRET_ACCESS_KEY: s3Creds.secret },
    );
    fs.mkdirSync(path.join(dir, "s3"), { recursive: true });
    procs.push(p);
    await Promise.race([waitForPort(s3Port), p.exited.then((c) => Promise.reject(new Error(`exited ${c}: ${p.tail()}`)))]);
    return [null, `SigV4-checking emulator on 127.0.0.1:${s3Port}, rehearsal credentials ${s3Creds.id}`];
  });

  const { startJwksIssuer } = await import("@/tests/ops/jwks-issuer").catch(() => {
    throw new Error("the ES256 JWKS issuer (tests/ops/jwks-issuer.ts from wave2-ops) is not on this branch: merge wave2-ops");
  });
  const issuer = await step("issuer", async () => {
    const iss = await startJwksIssuer();
    cleanups.push(() => iss.close());
    const key = await iss.addKey("ES256");
    return [{ iss, key, supabaseUrl: iss.url.replace(/\/auth\/v1\/\.well-known\/jwks\.json$/, "") }, `ES256 JWKS at ${iss.url} (kid ${key.kid})`];
  });

  const runpod = await step("fake runpod", async () => {
    const apiKey = `rp_${secret(12)}`;
    const p = startProc("fake-runpod", [...tsx, "scripts/lib/rehearse/fake-runpod-server.ts"], { ...process.env, REHEARSAL_RUNPOD_API_KEY: apiKey, REHEARSAL_RUNPOD_ENDPOINT: "rehearsal-endpoint" });
    procs.push(p);
    const apiUrl = (await p.line(/^READY /)).slice(6).trim();
    return [{ apiUrl, apiKey }, `RunPod + worker-comfyui fake at ${apiUrl}`];
  });

  const receiver: Receiver = await step("receiver", async () => {
    const r = await startReceiver(dir, receiverPort);
    cleanups.push(() => r.stop());
    return [r, `HTTPS webhook receiver at ${r.url}`];
  });

  const appUrl = `http://127.0.0.1:${appPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    PORT: String(appPort),
    APP_URL: appUrl,
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MAX: "6",
    S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
    S3_ACCESS_KEY_ID: s3Creds.id,
    S3_SECRET_ACCESS_KEY: s3Creds.secret,
    SUPABASE_URL: issuer.supabaseUrl,
    SUPABASE_ANON_KEY: `anon-${secret(8)}`,
    SIGNUP_CREDITS: "0",
    INNGEST_BASE_URL: `http://127.0.0.1:${runnerPort}`,
    INNGEST_SIGNING_KEY: `signkey-test-${secret(32)}`,
    INNGEST_EVENT_KEY: `evt-${secret(16)}`,
    INNGEST_RUNNER_PORT: String(runnerPort),
    INNGEST_SERVE_URL: `${appUrl}/api/inngest`,
    RENDER_CALLBACK_SECRET: secret(32),
    RENDER_BACKEND: "runpod",
    RUNPOD_API_URL: runpod.apiUrl,
    RUNPOD_API_KEY: runpod.apiKey,
    RUNPOD_ENDPOINT_ID: "rehearsal-endpoint",
    RENDER_WORKER_URL: `http://127.0.0.1:${workerPort}`,
    RENDER_WORKER_PORT: String(workerPort),
    FRAMECAST_REHEARSAL: "1",
    REHEARSAL_WEBHOOK_ORIGIN: receiver.origin,
    NODE_EXTRA_CA_CERTS: receiver.certFile,
  };
  for (const k of ["WEBHOOK_ALLOW_PRIVATE", "ALLOW_LOCAL_RENDER", "SUPABASE_JWT_SECRET", "INNGEST_DEV", "EMBEDDED_S3_PORT"]) delete env[k];
  // This process seeds and checks the database with the same settings (config() is read once, lazily).
  Object.assign(process.env, env);

  await step("production guards", async () => {
    const { loadConfig } = await import("@/lib/config");
    loadConfig(env);
    const refused = (over: Record<string, string>) => {
      try {
        loadConfig({ ...env, ...over });
        return `accepted ${Object.keys(over).join("+")}`;
      } catch {
        return null;
      }
    };
    const wrong = [
      refused({ S3_ENDPOINT: "http://127.0.0.1:4569", S3_ACCESS_KEY_ID: "S3RVER", S3_SECRET_ACCESS_KEY: "S3RVER" }),
      refused({ RENDER_BACKEND: "local" }),
      refused({ WEBHOOK_ALLOW_PRIVATE: "true" }),
      refused({ INNGEST_SIGNING_KEY: "" }),
    ].filter(Boolean);
    if (wrong.length) throw new Error(`the production configuration ${wrong.join(", ")}`);
    return [null, "this configuration passes NODE_ENV=production; the embedded S3, the local backend, WEBHOOK_ALLOW_PRIVATE and a missing signing key are refused"];
  });

  await step("migrate + seed", async () => {
    const { runMigrations } = await import("@/lib/db/migrate");
    const { db } = await import("@/lib/db/client");
    const { seedSystemAssets } = await import("@/lib/system-assets/seed");
    const { stitchAudioRefs } = await import("@/lib/render/stitch");
    const { buildPlan } = await import("@/lib/storyboard/playback");
    const { WELCOME_SPEC } = await import("@/lib/storyboard/welcome");
    await runMigrations(databaseUrl);
    const only = stitchAudioRefs(WELCOME_SPEC, buildPlan(WELCOME_SPEC));
    await seedSystemAssets(db(), { only });
    return [null, `migrations applied, ${only.length} catalog sounds in S3`];
  });

  const startApp = () => startProc("app", [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(appPort), "-H", "127.0.0.1"], env);
  let app = startApp();
  await step("services", async () => {
    const worker = startProc("render-worker", [...tsx, "scripts/render-worker.ts"], env);
    procs.push(worker);
    await worker.line(/listening on/);
    const runner = startProc("inngest-runner", [...tsx, "scripts/inngest-runner/main.ts"], env);
    procs.push(runner);
    await runner.line(/listening on/);
    procs.push(app);
    await Promise.race([waitForHttp(`${appUrl}/v1/status`, 180_000), app.exited.then((c) => Promise.reject(new Error(`app exited ${c}: ${app.tail()}`)))]);
    const unsigned = await fetch(`${appUrl}/api/inngest?fnId=framecast-render-job&stepId=step`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    if (unsigned.ok) throw new Error(`/api/inngest accepted an unsigned call (HTTP ${unsigned.status})`);
    return [null, `next start (NODE_ENV=production) on ${appUrl}; stitch worker ${env.RENDER_WORKER_URL}; signing Inngest runner ${env.INNGEST_BASE_URL}; unsigned /api/inngest call refused (HTTP ${unsigned.status})`];
  });

  await smoke({ appUrl, env, issuer, receiver, restartApp: async () => {
    const code = await app.signal("SIGTERM");
    app = startApp();
    procs.push(app);
    await Promise.race([waitForHttp(`${appUrl}/v1/status`, 180_000), app.exited.then((c) => Promise.reject(new Error(`app exited ${c}: ${app.tail()}`)))]);
    return code;
  } });
}

interface SmokeCtx {
  appUrl: string;
  env: NodeJS.ProcessEnv;
  issuer: { iss: Awaited<ReturnType<typeof import("@/tests/ops/jwks-issuer").startJwksIssuer>>; key: Awaited<ReturnType<Awaited<ReturnType<typeof import("@/tests/ops/jwks-issuer").startJwksIssuer>>["addKey"]>> };
  receiver: Receiver;
  restartApp(): Promise<number | null>;
}

async function smoke(ctx: SmokeCtx) {
  const { appUrl } = ctx;
  const api = async (method: string, p: string, auth: string, body?: unknown) => {
    const res = await fetch(`${appUrl}${p}`, {
      method,
      headers: { authorization: `Bearer ${auth}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      /* not JSON */
    }
    return { status: res.status, json, text };
  };
  const expectStatus = (r: { status: number; text: string }, want: number, what: string) => {
    if (r.status !== want) throw new Error(`${what}: HTTP ${r.status} ${r.text.slice(0, 400)}`);
  };

  const email = `rehearsal-${secret(4)}@example.com`;
  const token = await step("token", async () => {
    const t = await ctx.issuer.iss.sign(ctx.issuer.key, { sub: randomUUID(), email });
    const me = await api("GET", "/v1/account", t);
    expectStatus(me, 200, "GET /v1/account with the issuer's token");
    return [t, `ES256 token from the issuer accepted by GET /v1/account (${email})`];
  });

  const apiKey = await step("api key", async () => {
    const r = await api("POST", "/v1/auth/keys", token, { name: "rehearsal", scopes: ["*"] });
    expectStatus(r, 201, "POST /v1/auth/keys");
    const raw = r.json.raw_key as string;
    expectStatus(await api("GET", "/v1/account", raw), 200, "GET /v1/account with the new key");
    return [raw, `created and used (${raw.slice(0, 8)}…)`];
  });

  const team = await step("team + webhook", async () => {
    expectStatus(await api("POST", "/v1/account/upgrade", token, {}), 200, "POST /v1/account/upgrade");
    const teams = await api("GET", "/v1/teams", apiKey);
    expectStatus(teams, 200, "GET /v1/teams");
    const id = ((teams.json.data as { id: string }[])[0] ?? { id: "" }).id;
    const { grantCredits } = await import("@/lib/credits/admin");
    const { teamUrn } = await import("@/lib/urn");
    const { db } = await import("@/lib/db/client");
    await grantCredits(db(), teamUrn(id), 1000);
    const hook = await api("POST", `/v1/teams/${id}/webhooks`, apiKey, { url: ctx.receiver.url, events: ["job.completed"] });
    expectStatus(hook, 201, "POST /v1/teams/:id/webhooks");
    return [{ id, urn: teamUrn(id), secret: hook.json.secret as string }, `team ${id} with 1000 credits, webhook → ${ctx.receiver.url}`];
  });

  const { WELCOME_SPEC } = await import("@/lib/storyboard/welcome");
  const { buildPlan } = await import("@/lib/storyboard/playback");
  const generate = async (label: string) => {
    const r = await api("POST", "/v1/generate", apiKey, { spec: WELCOME_SPEC, owner: team.urn, idempotency_key: `rehearsal-${label}-${secret(4)}` });
    expectStatus(r, 201, "POST /v1/generate");
    return { id: r.json.id as string, charged: r.json.credits_charged as number };
  };
  const sse = (jobId: string, until: (e: SseEvent) => boolean, lastEventId?: string) => readEvents(`${appUrl}/v1/jobs/${jobId}/events`, apiKey, until, lastEventId);

  const job1 = await step("generate", async () => {
    const j = await generate("one");
    return [j, `job ${j.id}, ${j.charged} credits charged to ${team.urn}`];
  });

  await step("sse", async () => {
    const events = await sse(job1.id, (e) => ["completed", "failed", "canceled"].includes(e.event));
    const last = events.at(-1)!;
    if (last.event !== "completed") throw new Error(`ended ${last.event}: ${JSON.stringify(last.data).slice(0, 400)}`);
    const stitching = events.filter((e) => (e.data as { phase?: string }).phase === "stitching").map((e) => (e.data as { percent: number }).percent);
    return [null, `${events.length} events: ${[...new Set(events.map((e) => e.event))].join(", ")}; stitching percents ${stitching.join(", ") || "none"}`];
  });

  await step("ffprobe", async () => {
    const r = await api("GET", `/v1/jobs/${job1.id}`, apiKey);
    expectStatus(r, 200, "GET /v1/jobs/:id");
    const out = r.json.output as { video_url: string; metadata: { backend: string } };
    const file = path.join(os.tmpdir(), `fc-rehearse-${job1.id}.mp4`);
    const res = await fetch(out.video_url);
    if (!res.ok) throw new Error(`downloading the video: HTTP ${res.status}`);
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const { probe } = await import("@/lib/render/ffmpeg");
    const info = await probe(file);
    fs.rmSync(file, { force: true });
    const planned = buildPlan(WELCOME_SPEC).duration;
    if (Math.abs(info.duration - planned) > 0.1 || info.videoCodec !== "h264" || !info.hasAudio) throw new Error(`unexpected video ${JSON.stringify(info)} (planned ${planned} s)`);
    return [null, `${info.width}x${info.height} ${info.videoCodec}+${info.audioCodec}, ${info.duration.toFixed(2)} s (planned ${planned} s), backend ${out.metadata.backend}`];
  });

  await step("webhook", async () => {
    const d = await ctx.receiver.waitFor((x) => x.body.includes(job1.id) && x.body.includes("job.completed"));
    const ts = String(d.headers["x-webhook-timestamp"]);
    const sig = String(d.headers["x-webhook-signature"]);
    const want = `sha256=${createHmac("sha256", team.secret).update(`${ts}.${d.body}`).digest("hex")}`;
    if (sig !== want) throw new Error(`signature ${sig} does not verify with the webhook's secret`);
    return [null, `job.completed for ${job1.id} received over verified TLS, X-Webhook-Signature verified`];
  });

  const job2 = await step("sigterm mid-render", async () => {
    const j = await generate("two");
    const seen = await sse(j.id, (e) => ((e.data as { percent?: number }).percent ?? 0) >= 5 || ["completed", "failed", "canceled"].includes(e.event));
    const at = seen.at(-1)!;
    if (["completed", "failed", "canceled"].includes(at.event)) throw new Error(`job ended (${at.event}) before the app could be stopped`);
    const code = await ctx.restartApp();
    return [j, `job ${j.id} at ${(at.data as { percent: number }).percent} %: app SIGTERMed (exit ${code}) and started again`];
  });

  await step("completes after restart", async () => {
    const events = await sse(job2.id, (e) => ["completed", "failed", "canceled"].includes(e.event));
    const last = events.at(-1)!;
    if (last.event !== "completed") throw new Error(`ended ${last.event}: ${JSON.stringify(last.data).slice(0, 400)}`);
    return [null, `job ${job2.id} completed`];
  });

  await step("charged once", async () => {
    const { db } = await import("@/lib/db/client");
    const { sql } = await import("drizzle-orm");
    const rows = await db().execute<{ job_id: string; charges: number; refunds: number }>(sql`
      select job_id::text, count(*) filter (where reason = 'job_charge')::int as charges, count(*) filter (where reason = 'job_refund')::int as refunds
      from credit_ledger where job_id in (${job1.id}, ${job2.id}) group by job_id`);
    const mismatches = await db().execute(sql`
      with sums as (
        select case when owner ~ '^framecast:tm_' then 'framecast:team:' || split_part(owner, ':', 2) else owner end as owner, sum(delta)::int as ledger
        from credit_ledger group by 1),
      balances as (
        select 'framecast:user:usr_' || id as owner, credits as balance from users
        union all select 'framecast:team:tm_' || id, credits from teams)
      select b.owner, b.balance, coalesce(s.ledger, 0) as ledger from balances b left join sums s using (owner) where b.balance <> coalesce(s.ledger, 0)`);
    const [t] = await db().execute<{ credits: number }>(sql`select credits from teams where id = ${team.id}`);
    const bad = rows.length !== 2 || rows.some((r) => r.charges !== 1 || r.refunds !== 0) || mismatches.length > 0;
    if (bad) throw new Error(`ledger ${JSON.stringify(rows)}, mismatches ${JSON.stringify(mismatches)}`);
    return [null, `each job one job_charge, no refund; team balance ${t!.credits} = 1000 − ${job1.charged} − ${job2.charged}; ledger = balance for every owner`];
  });
}

void main();
