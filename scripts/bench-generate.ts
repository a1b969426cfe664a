/**
 * `just bench-generate`: latency of POST /v1/generate (welcome storyboard, 100 credits) with
 * BENCH_CONNECTIONS (20) concurrent clients, each request by a fresh user so every one is a full
 * accepted creation (validate, estimate, lock, charge, ledger, event, usage, outbox) — not a 429.
 * The built app runs on the embedded stack (or DATABASE_URL with BENCH_REAL_PG=1) with the Inngest
 * runner pointed nowhere, so no render competes for the CPU. BENCH_REQUESTS (400).
 * `just bench` measures the same load next to pgbench (scripts/bench.ts).
 */
import { freshTokens, generateLoad } from "./lib/bench-load";
import { startStack } from "./lib/stack";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const total = Number(process.env.BENCH_REQUESTS ?? 400);

async function main() {
  const big = "1000000000";
  const stack = await startStack(
    { RATE_LIMIT_STARTER: big, RATE_LIMIT_CREATOR: big, RATE_LIMIT_ANONYMOUS: big, LOG_LEVEL: "warn", INNGEST_BASE_URL: "http://127.0.0.1:9", SIGNUP_CREDITS: "1000" },
    { keepServices: process.env.BENCH_REAL_PG === "1" },
  );
  try {
    await generateLoad(stack.base, await freshTokens(stack.base, connections, "warm"), connections);
    const r = await generateLoad(stack.base, await freshTokens(stack.base, total, "gen"), connections);
    const f = (n: number) => `${n.toFixed(0)} ms`;
    process.stdout.write(
      `\nPOST /v1/generate, ${connections} concurrent clients, ${r.requests} requests (${r.rps.toFixed(0)} req/s)\n` +
        `p50 ${f(r.p50)}  p95 ${f(r.p95)}  p99 ${f(r.p99)}  max ${f(r.max)}\n` +
        `statuses: ${[...r.statuses].map(([s, n]) => `${s}×${n}`).join(", ")}\n`,
    );
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
