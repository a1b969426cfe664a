/**
 * `just bench-render`: the welcome storyboard through the whole local pipeline (POST /v1/generate →
 * completed: outbox, Inngest runner, worker animatics, stitch, upload) on the built app, next to
 * its floor — one hand-written ffmpeg command making the same 9 s video from the same clips and
 * sounds, run right after each job. Three back-to-back pairs (after one warm-up job); the row is
 * the median ratio, and the step breakdown is the median pair's, read from the app's tables, the
 * runner's (inngest_local) and the render worker's phase times (GET /v2/local/_timings/:id).
 *
 * With DATABASE_URL set, the app runs on a fresh database created on that server (dropped after);
 * otherwise on the embedded stack. BENCH_PAIRS (3), BENCH_KEEP_DIR=1 keeps the files;
 * BENCH_DATA_DIR=<dir> keeps the stack's data (and the database `bench_render_keep`) between runs,
 * so the sound catalog is seeded once.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { startStack, type Stack } from "./lib/stack";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- API responses and rows
type Sql = postgres.Sql;

const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
const GOAL = 2.5;
const SOUNDS = ["asset_ambient_ocean", "asset_music_tense_minimal", "asset_sfx_footsteps", "asset_sfx_door_open", "asset_music_peaceful", "asset_sfx_pop", "asset_transition_swoosh"];

/** A fetch that tries again when a kept-alive connection was closed under it (a POST only with an Idempotency-Key). */
async function fetchRetrying(url: string, init: RequestInit): Promise<Response> {
  const headers = new Headers(init.headers);
  const safe = (init.method ?? "GET") === "GET" || headers.has("idempotency-key");
  for (let i = 0; ; i++) {
    try {
      return await fetch(url, init);
    } catch (err) {
      if (i >= 2 || !safe) throw err;
    }
  }
}

async function api(base: string, token: string, p: string, init: RequestInit = {}, extra: Record<string, string> = {}): Promise<Json> {
  const res = await fetchRetrying(`${base}${p}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...extra } });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Json;
}

async function download(url: string, file: string) {
  const res = await fetch(url);
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return file;
}

/** The welcome storyboard's video written by hand as one ffmpeg command (from its scene clips and sounds). */
function handWritten(f: Record<string, string>, out: string): string[] {
  const graph = [
    "[0:v][1:v]xfade=transition=fade:duration=1:offset=4,format=yuv420p[v]",
    "[2:a]aloop=loop=-1:size=2e9,atrim=0:9,volume=0.35[amb]",
    "[3:a]atrim=0:5,afade=t=in:d=1,volume=0.5[m1]",
    "[4:a]adelay=500:all=1,volume=0.8[s1]",
    "[5:a]adelay=3500:all=1,volume=0.7[s2]",
    "[6:a]atrim=0:5,afade=t=in:d=1.5,afade=t=out:st=4:d=1,volume=0.6,adelay=4000:all=1[m2]",
    "[7:a]adelay=6000:all=1,volume=0.4[s3]",
    "[8:a]adelay=4000:all=1,volume=0.6[tr]",
    "[amb][m1][s1][s2][m2][s3][tr]amix=inputs=7:normalize=0:duration=first,atrim=0:9[a]",
  ].join(";");
  const inputs = ["storm", "dawn", ...SOUNDS];
  return [
    "-y", "-loglevel", "error",
    ...inputs.flatMap((k) => ["-i", f[k]!]),
    "-filter_complex", graph, "-map", "[v]", "-map", "[a]",
    "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
    "-c:a", "aac", "-b:a", "160k", "-ar", "48000", "-ac", "2", "-movflags", "+faststart", "-t", "9", out,
  ];
}

interface Mark {
  at: number;
  what: string;
}

/** Every timestamped step of one job, from the app's, the runner's and the worker's records. */
async function timeline(sql: Sql, workerUrl: string, jobId: string, t0: number, answered: number): Promise<Mark[]> {
  const ms = (d: Date | null | undefined) => (d ? new Date(d).getTime() : NaN);
  const marks: Mark[] = [
    { at: t0, what: "POST /v1/generate sent" },
    { at: answered, what: "POST answered (job accepted)" },
  ];
  const [job] = await sql<Json[]>`select created_at, started_at, completed_at from jobs where id = ${jobId}`;
  marks.push({ at: ms(job!.started_at), what: "job → processing (start step)" }, { at: ms(job!.completed_at), what: "job → completed" });
  for (const o of await sql<Json[]>`select name, payload, created_at, sent_at from outbox where payload->>'job_id' = ${jobId}`) {
    const tag = `${o.name}${o.payload.scene_id ? ` ${o.payload.scene_id}` : ""}`;
    marks.push({ at: ms(o.created_at), what: `outbox ${tag} written` }, { at: ms(o.sent_at), what: `outbox ${tag} sent to the runner` });
  }
  for (const e of await sql<Json[]>`select name, payload, received_at, processed_at from inngest_local.events where payload->'data'->>'job_id' = ${jobId}`) {
    const tag = `${e.name}${e.payload.data?.scene_id ? ` ${e.payload.data.scene_id}` : ""}`;
    marks.push({ at: ms(e.processed_at), what: `runner processed ${tag}` });
  }
  const runs = await sql<Json[]>`select id, created_at, started_at, ended_at from inngest_local.runs
                                where function_id like '%render-job' and event->'data'->>'job_id' = ${jobId}`;
  for (const run of runs) {
    marks.push({ at: ms(run.started_at), what: "runner: first request to the app (run started)" }, { at: ms(run.ended_at), what: "runner: run ended" });
    for (const s of await sql<Json[]>`select name, saved_at from inngest_local.steps where run_id = ${run.id} order by seq`) {
      marks.push({ at: ms(s.saved_at), what: `step ${s.name ?? "?"} saved` });
    }
  }
  for (const rr of await sql<Json[]>`select scene_id, request_id from render_requests where job_id = ${jobId} and request_id is not null`) {
    const res = await fetch(`${workerUrl}/v2/local/_timings/${encodeURIComponent(rr.request_id)}`);
    if (!res.ok) continue;
    const { timings } = (await res.json()) as { timings: Record<string, number> };
    for (const [phase, at] of Object.entries(timings)) marks.push({ at, what: `worker ${rr.scene_id}: ${phase}` });
  }
  return marks.filter((m) => Number.isFinite(m.at)).sort((a, b) => a.at - b.at);
}

function printTimeline(marks: Mark[]) {
  const t0 = marks[0]!.at;
  let prev = t0;
  for (const m of marks) {
    process.stdout.write(`  ${String(m.at - t0).padStart(6)} ms  (+${String(m.at - prev).padStart(5)})  ${m.what}\n`);
    prev = m.at;
  }
}

interface Pair {
  wall: number;
  floor: number;
  marks: Mark[];
}

async function renderOnce(stack: Stack, sql: Sql, token: string, dir: string): Promise<Pair> {
  const t0 = Date.now();
  const job = await api(stack.base, token, "/v1/generate", { method: "POST", body: JSON.stringify({ spec: WELCOME_SPEC }) }, { "idempotency-key": randomUUID() });
  const answered = Date.now();
  // Watched in the database (not the API: no load on the app, no rate limit).
  while (!(await sql`select 1 from jobs where id = ${job.id} and completed_at is not null`).length) await new Promise((r) => setTimeout(r, 50));
  const detail = await api(stack.base, token, `/v1/jobs/${job.id}`);
  if (detail.status !== "completed") throw new Error(`job ${detail.status}: ${JSON.stringify(detail.error)}`);
  const marks = await timeline(sql, `http://127.0.0.1:${stack.workerPort}`, job.id as string, t0, answered);
  const wall = (marks.find((m) => m.what === "job → completed")!.at - t0) / 1000;

  const files: Record<string, string> = {};
  for (const s of detail.scene_previews as { scene_id: string; url: string }[]) files[s.scene_id] = await download(s.url, path.join(dir, `${s.scene_id}.mp4`));
  for (const id of SOUNDS) {
    const a = await api(stack.base, token, `/v1/system-assets/${id}`);
    files[id] = await download(a.preview_url as string, path.join(dir, `${id}.ogg`));
  }
  const h0 = performance.now();
  const r = spawnSync("ffmpeg", handWritten(files, path.join(dir, "hand.mp4")), { stdio: "inherit" });
  if (r.status !== 0) throw new Error("hand-written ffmpeg command failed");
  return { wall, floor: (performance.now() - h0) / 1000, marks };
}

/** A fresh database on DATABASE_URL's server (the app migrates it), dropped afterwards. */
async function freshDatabase(): Promise<{ url?: string; drop: () => Promise<void> }> {
  const server = process.env.DATABASE_URL;
  if (!server) return { drop: async () => {} };
  const keep = Boolean(process.env.BENCH_DATA_DIR);
  const name = keep ? "bench_render_keep" : `bench_render_${process.pid}_${Date.now()}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
  if (!exists) await admin.unsafe(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      if (!keep) await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await admin.end();
    },
  };
}

async function main() {
  const database = await freshDatabase();
  const env: Record<string, string> = {
    LOG_LEVEL: "warn",
    // The benchmark's own requests (downloads, catalog look-ups) must not meet a 429.
    RATE_LIMIT_STARTER: "1000000",
    RATE_LIMIT_CREATOR: "1000000",
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...(process.env.BENCH_DATA_DIR ? { DATA_DIR: path.resolve(process.env.BENCH_DATA_DIR) } : {}),
  };
  if (database.url && !process.env.S3_ENDPOINT) delete process.env.S3_ENDPOINT;
  const stack = await startStack(env, { keepServices: Boolean(database.url) });
  const dbUrl = database.url ?? `postgres://postgres:postgres@127.0.0.1:${stack.pgPort}/postgres`;
  const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-render-"));
  try {
    const email = `render-bench-${Date.now()}@example.com`;
    const signIn = await fetch(`${stack.base}/api/auth/local`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email }),
    });
    const { access_token: token } = (await signIn.json()) as { access_token: string };
    const grant = spawnSync(path.join("node_modules", ".bin", "tsx"), ["scripts/grant-credits.ts", email, "100000"], { env: { ...stack.env, DATABASE_URL: dbUrl }, encoding: "utf8" });
    if (grant.status !== 0) throw new Error(`grant-credits failed: ${grant.stderr}`);
    await renderOnce(stack, sql, token, dir); // warm-up: JIT, connection pools, first ffmpeg runs
    const pairs: Pair[] = [];
    for (let i = 0; i < PAIRS; i++) pairs.push(await renderOnce(stack, sql, token, dir));
    const ratios = pairs.map((p) => p.wall / p.floor);
    const order = ratios.map((r, i) => [r, i] as const).sort((a, b) => a[0] - b[0]);
    const median = pairs[order[Math.floor(order.length / 2)]![1]]!;
    process.stdout.write(`\nwelcome storyboard (9 s, 1280x720, 24 fps, 2 scenes, fade, 7 sounds): ${PAIRS} pairs\n`);
    for (const [i, p] of pairs.entries()) process.stdout.write(`  pair ${i + 1}: POST→completed ${p.wall.toFixed(2)} s, ffmpeg floor ${p.floor.toFixed(2)} s, ${(p.wall / p.floor).toFixed(2)}×\n`);
    process.stdout.write(`\nstep breakdown of the median pair (ms from POST; +ms since the previous step):\n`);
    printTimeline(median.marks);
    const ratio = median.wall / median.floor;
    process.stdout.write(
      `\nrender/ffmpeg ${ratio.toFixed(2)}× (goal ≤ ${GOAL}×)  welcome POST→completed ${median.wall.toFixed(1)} s; ffmpeg floor ${median.floor.toFixed(2)} s\n`,
    );
  } finally {
    if (process.env.BENCH_KEEP_DIR) process.stdout.write(`files kept in ${dir}\n`);
    else fs.rmSync(dir, { recursive: true, force: true });
    await sql.end();
    await stack.stop();
    await database.drop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}${err instanceof Error && err.cause ? ` (${String(err.cause)})` : ""}\n`);
  process.exit(1);
});
