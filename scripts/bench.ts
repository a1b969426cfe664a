/**
 * `just bench`: p50/p99 latency and requests/s of an authenticated GET /v1/account (API key) next
 * to GET /v1/status on the same server, so the auth + rate-limit overhead reads as a ratio.
 * Starts the built app on the embedded stack (rate limits raised so the benchmark measures work,
 * not 429s); BENCH_URL + BENCH_API_KEY benchmark an existing server instead. BENCH_SECONDS (10),
 * BENCH_CONNECTIONS (10). With DATABASE_URL set, the started app uses that database.
 */
import autocannon from "autocannon";
import { startStack, type Stack } from "./lib/stack";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

async function run(url: string, headers: Record<string, string> = {}) {
  const r = await autocannon({ url, connections, duration: seconds, headers });
  const non2xx = r.non2xx + r.errors;
  return { p50: r.latency.p50, p99: r.latency.p99, rps: Math.round(r.requests.average), total: r.requests.total, non2xx };
}

async function apiKeyFor(base: string): Promise<string> {
  const signIn = await fetch(`${base}/api/auth/local`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: `bench-${Date.now()}@example.com` }),
  });
  if (!signIn.ok) throw new Error(`local sign-in failed: ${signIn.status} ${await signIn.text()}`);
  const { access_token } = (await signIn.json()) as { access_token: string };
  const created = await fetch(`${base}/v1/auth/keys`, {
    method: "POST",
    headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "bench" }),
  });
  if (created.status !== 201) throw new Error(`key creation failed: ${created.status}`);
  return ((await created.json()) as { raw_key: string }).raw_key;
}

async function main() {
  let stack: Stack | undefined;
  let base = process.env.BENCH_URL;
  try {
    if (!base) {
      const big = "1000000000";
      stack = await startStack(
        { RATE_LIMIT_STARTER: big, RATE_LIMIT_CREATOR: big, RATE_LIMIT_ANONYMOUS: big, LOG_LEVEL: "warn" },
        { keepServices: true },
      );
      base = stack.base;
    }
    const key = process.env.BENCH_API_KEY ?? (await apiKeyFor(base));
    await run(`${base}/v1/status`); // warm-up (JIT, pools)
    const status = await run(`${base}/v1/status`);
    const account = await run(`${base}/v1/account`, { authorization: `Bearer ${key}` });
    const fmt = (name: string, r: Awaited<ReturnType<typeof run>>) =>
      `${name.padEnd(34)} p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   ${String(r.rps).padStart(6)} req/s   (${r.total} requests, ${r.non2xx} non-2xx)`;
    process.stdout.write(`\n${connections} connections, ${seconds} s each, against ${base}\n`);
    process.stdout.write(`${fmt("GET /v1/status", status)}\n${fmt("GET /v1/account (API key)", account)}\n`);
    process.stdout.write(
      `ratio account/status: p50 ${(account.p50 / Math.max(status.p50, 1)).toFixed(2)}x, req/s ${(account.rps / Math.max(status.rps, 1)).toFixed(2)}x\n`,
    );
  } finally {
    await stack?.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
