/**
 * `just bench-generate`: latency of POST /v1/generate (welcome storyboard, 100 credits) with
 * BENCH_CONNECTIONS (20) concurrent clients, each request by a fresh user so every one is a full
 * accepted creation (validate, estimate, lock, charge, ledger, event, usage, outbox) — not a 429.
 * The built app runs on the embedded stack (or DATABASE_URL with BENCH_REAL_PG=1) with the Inngest
 * runner pointed nowhere, so no render competes for the CPU. BENCH_REQUESTS (400).
 */
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { startStack } from "./lib/stack";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const total = Number(process.env.BENCH_REQUESTS ?? 400);

async function token(base: string, i: number): Promise<string> {
  const res = await fetch(`${base}/api/auth/local`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: `gen-${Date.now()}-${i}@example.com` }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const big = "1000000000";
  const stack = await startStack(
    { RATE_LIMIT_STARTER: big, RATE_LIMIT_CREATOR: big, RATE_LIMIT_ANONYMOUS: big, LOG_LEVEL: "warn", INNGEST_BASE_URL: "http://127.0.0.1:9", SIGNUP_CREDITS: "1000" },
    { keepServices: process.env.BENCH_REAL_PG === "1" },
  );
  try {
    const tokens: string[] = [];
    for (let i = 0; i < total + connections; i++) tokens.push(await token(stack.base, i));
    const body = JSON.stringify({ spec: WELCOME_SPEC });
    const post = async (t: string) => {
      const t0 = performance.now();
      const res = await fetch(`${stack.base}/v1/generate`, {
        method: "POST",
        headers: { authorization: `Bearer ${t}`, "content-type": "application/json" },
        body,
      });
      await res.arrayBuffer();
      return { ms: performance.now() - t0, status: res.status };
    };
    await Promise.all(tokens.splice(0, connections).map(post)); // warm-up
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        for (let t = tokens.pop(); t; t = tokens.pop()) {
          const r = await post(t);
          latencies.push(r.ms);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        }
      }),
    );
    const secs = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const f = (n: number) => `${n.toFixed(0)} ms`;
    process.stdout.write(
      `\nPOST /v1/generate, ${connections} concurrent clients, ${latencies.length} requests in ${secs.toFixed(1)} s (${(latencies.length / secs).toFixed(0)} req/s)\n` +
        `p50 ${f(pct(latencies, 50))}  p95 ${f(pct(latencies, 95))}  p99 ${f(pct(latencies, 99))}  max ${f(latencies.at(-1)!)}\n` +
        `statuses: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(", ")}\n`,
    );
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
