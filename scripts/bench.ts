/**
 * `just bench` (the API rows): the built app (`next start`, the README way) on a scratch database of
 * a real PostgreSQL server — DATABASE_URL's, default postgres://postgres@127.0.0.1:5432/postgres —
 * each figure next to a floor measured in the same run, 3 back-to-back pairs, medians:
 *   generate/pgbench  POST /v1/generate (20 clients, a fresh user per request) vs pgbench tpcb-like (20 clients)
 *   public/static     GET /v1/spec/schema.json vs Next serving a file from public/
 *   account/livez     GET /v1/account with an API key vs GET /livez
 *   sse/completed     a job's `completed` event → the SSE client (p50; no floor)
 *   status/livez      GET /v1/status vs GET /livez (for the record; no goal)
 * Rate limits are raised so the figures measure work, not 429s (every request is still counted).
 * REDIS_URL, when set, is passed on (the Redis limiter). BENCH_SECONDS (5) per HTTP run.
 */
import { embeddedS3Env } from "./lib/embedded";
import { findPgbench, fmt, load, median, pgbenchInit, pgbenchTps, printRow, scratchDatabase, type HttpRun } from "./lib/bench-kit";
import { apiKeyFor, freshTokens, generateLoad, type GenerateRun } from "./lib/bench-load";
import { sseLatencies } from "./lib/bench-sse";
import { startStack, type Stack } from "./lib/stack";

const PAIRS = 3;
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const CLIENTS = 20;
const GENERATE_REQUESTS = Number(process.env.BENCH_GENERATE_REQUESTS ?? 400);

const pick = <T>(runs: T[], f: (r: T) => number) => median(runs.map(f));

async function pairs<A, B>(floor: () => Promise<A>, subject: () => Promise<B>): Promise<{ floors: A[]; subjects: B[] }> {
  const floors: A[] = [];
  const subjects: B[] = [];
  for (let i = 0; i < PAIRS; i++) {
    floors.push(await floor());
    subjects.push(await subject());
  }
  return { floors, subjects };
}

function refuseErrors(what: string, runs: HttpRun[]) {
  const bad = runs.reduce((n, r) => n + r.non2xx, 0);
  if (bad > 0) throw new Error(`${what}: ${bad} non-2xx answers or errors — the figure would be meaningless`);
}

async function generateRow(stack: Stack, pgbenchUrl: string) {
  const bin = findPgbench();
  pgbenchInit(bin, pgbenchUrl);
  await generateLoad(stack.base, await freshTokens(stack.base, CLIENTS * 2, "warm"), CLIENTS);
  const runs: { tps: number; gen: GenerateRun }[] = [];
  for (let i = 0; i < PAIRS; i++) {
    const tokens = await freshTokens(stack.base, GENERATE_REQUESTS, `gen${i}`);
    const tps = await pgbenchTps(bin, pgbenchUrl, CLIENTS, 10);
    const gen = await generateLoad(stack.base, tokens, CLIENTS);
    const bad = [...gen.statuses].filter(([s]) => s !== 201);
    if (bad.length) throw new Error(`generate: unexpected statuses ${bad.map(([s, n]) => `${s}×${n}`).join(", ")}`);
    runs.push({ tps, gen });
  }
  const ratio = pick(runs, (r) => r.gen.rps / r.tps);
  const p99 = pick(runs, (r) => r.gen.p99);
  printRow(
    "generate/pgbench",
    ratio,
    "≥ 0.10",
    `${fmt.num(pick(runs, (r) => r.gen.rps))} rps p50 ${fmt.ms(pick(runs, (r) => r.gen.p50))} p99 ${fmt.ms(p99)} (goal ≤ 200 ms${p99 <= 200 ? "" : ", MISSED"}); pgbench ${fmt.num(pick(runs, (r) => r.tps))} TPS`,
  );
}

async function httpRow(name: string, goal: string, subject: { url: string; headers?: Record<string, string> }, floor: { url: string; label: string }) {
  const opts = { connections: CLIENTS, seconds };
  await load(subject.url, { ...opts, seconds: 2, headers: subject.headers }); // warm-up (JIT, pools)
  await load(floor.url, { ...opts, seconds: 2 });
  const { floors, subjects } = await pairs(
    () => load(floor.url, opts),
    () => load(subject.url, { ...opts, headers: subject.headers }),
  );
  refuseErrors(name, [...floors, ...subjects]);
  const ratio = median(floors.map((f, i) => subjects[i]!.rps / f.rps));
  printRow(
    name,
    ratio,
    goal,
    `${fmt.num(pick(subjects, (r) => r.rps))} rps p50 ${pick(subjects, (r) => r.p50)} ms p99 ${pick(subjects, (r) => r.p99)} ms; ${floor.label} ${fmt.num(pick(floors, (r) => r.rps))} rps`,
  );
}

async function sseRow(base: string) {
  const runs: number[][] = [];
  for (let i = 0; i < PAIRS; i++) runs.push(await sseLatencies(base, 10));
  const p50 = median(runs.map(median));
  const worst = Math.max(...runs.flat());
  printRow("sse/completed", null, "p50 ≤ 50 ms", `p50 ${fmt.ms(p50)} max ${fmt.ms(worst)} (${runs.flat().length} jobs)${p50 <= 50 ? "" : " MISSED"}`);
}

async function main() {
  const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const tag = `${Date.now()}_${process.pid}`;
  const appDb = await scratchDatabase(adminUrl, `framecast_bench_${tag}`);
  const pgbenchDb = await scratchDatabase(adminUrl, `pgbench_${tag}`);
  let stack: Stack | undefined;
  try {
    const big = "1000000000";
    stack = await startStack(
      {
        DATABASE_URL: appDb.url,
        RATE_LIMIT_STARTER: big,
        RATE_LIMIT_CREATOR: big,
        RATE_LIMIT_ANONYMOUS: big,
        LOG_LEVEL: "warn",
        SIGNUP_CREDITS: "1000",
        // No render starts: the CPU is the API's and the database's.
        INNGEST_BASE_URL: "http://127.0.0.1:9",
      },
      { keepServices: true },
    );
    const where = new URL(appDb.url);
    process.stdout.write(
      `\njust bench: the built app (next start) on real PostgreSQL ${where.host}${where.pathname} (scratch), ` +
        `rate limiter ${process.env.REDIS_URL ? "Redis" : "PostgreSQL"}; ${PAIRS} back-to-back pairs, medians; ${CLIENTS} clients\n`,
    );
    Object.assign(process.env, { DATABASE_URL: appDb.url, LOG_LEVEL: "warn" }, embeddedS3Env(stack.s3Port));
    await generateRow(stack, pgbenchDb.url);
    await httpRow("public/static", "≥ 0.50", { url: `${stack.base}/v1/spec/schema.json` }, { url: `${stack.base}/logo.svg`, label: "static /logo.svg" });
    const key = await apiKeyFor(stack.base);
    await httpRow("account/livez", "≥ 0.60", { url: `${stack.base}/v1/account`, headers: { authorization: `Bearer ${key}` } }, { url: `${stack.base}/livez`, label: "/livez" });
    await sseRow(stack.base);
    await httpRow("status/livez", "—", { url: `${stack.base}/v1/status` }, { url: `${stack.base}/livez`, label: "/livez" });
  } finally {
    await stack?.stop();
    const { closeDb } = await import("@/lib/db/client");
    await closeDb();
    await appDb.drop();
    await pgbenchDb.drop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
