/**
 * Load generators of `just bench` that need a signed-in caller: POST /v1/generate by fresh users
 * (each request a full accepted creation, never a 429 or a concurrency refusal) and an API key.
 */
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { percentile } from "./bench-kit";

async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/local`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email }),
  });
  if (!res.ok) throw new Error(`local sign-in failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** `n` fresh users' access tokens (signed in 8 at a time, not timed). */
export async function freshTokens(base: string, n: number, tag: string): Promise<string[]> {
  const out: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = next++; i < n; i = next++) out.push(await signIn(base, `${tag}-${Date.now()}-${i}@example.com`));
    }),
  );
  return out;
}

export async function apiKeyFor(base: string): Promise<string> {
  const token = await signIn(base, `bench-key-${Date.now()}@example.com`);
  const created = await fetch(`${base}/v1/auth/keys`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "bench" }),
  });
  if (created.status !== 201) throw new Error(`key creation failed: ${created.status}`);
  return ((await created.json()) as { raw_key: string }).raw_key;
}

export interface GenerateRun {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  statuses: Map<number, number>;
}

/** POST /v1/generate (the welcome storyboard) with `connections` clients, one token per request. */
export async function generateLoad(base: string, tokens: string[], connections: number): Promise<GenerateRun> {
  const body = JSON.stringify({ spec: WELCOME_SPEC });
  const queue = [...tokens];
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const post = async (t: string) => {
    const t0 = performance.now();
    const res = await fetch(`${base}/v1/generate`, {
      method: "POST",
      headers: { authorization: `Bearer ${t}`, "content-type": "application/json" },
      body,
    });
    await res.arrayBuffer();
    latencies.push(performance.now() - t0);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let t = queue.pop(); t; t = queue.pop()) await post(t);
    }),
  );
  const secs = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / secs,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? 0,
    statuses,
  };
}
