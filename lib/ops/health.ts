/**
 * Probes for orchestrators (issue 9 item 5). /livez: the process answers (no dependency is touched,
 * so a database outage never restarts healthy instances). /readyz: the database, the object store
 * (HeadBucket on every bucket) and the render backend (the local worker's or RunPod's /health)
 * answer, each within CHECK_TIMEOUT_MS; 503 names what failed. Both stay outside the /v1 rate limits.
 */
import { sql } from "drizzle-orm";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { storageReachable } from "@/lib/storage/s3";
import { isShuttingDown } from "./shutdown";

export const CHECK_TIMEOUT_MS = 2000;

export type CheckName = "database" | "storage" | "render_backend";
export interface CheckResult {
  ok: boolean;
  latency_ms: number;
  error?: string;
}

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function timed(fn: () => Promise<void>): Promise<CheckResult> {
  const t = performance.now();
  try {
    await fn();
    return { ok: true, latency_ms: Math.round(performance.now() - t) };
  } catch (err) {
    const cause = (err as Error).cause as Error | undefined;
    return { ok: false, latency_ms: Math.round(performance.now() - t), error: cause?.message ?? (err as Error).message };
  }
}

/** Where the render backend answers its health check, and with which headers. */
export function renderHealthTarget(): { url: string; headers: Record<string, string> } {
  const c = config();
  if (c.RENDER_BACKEND === "runpod") {
    return {
      url: `${c.RUNPOD_API_URL.replace(/\/+$/, "")}/${c.RUNPOD_ENDPOINT_ID}/health`,
      headers: { authorization: `Bearer ${c.RUNPOD_API_KEY}` },
    };
  }
  return { url: `${c.RENDER_WORKER_URL.replace(/\/+$/, "")}/v2/local/health`, headers: {} };
}

const checks: Record<CheckName, () => Promise<void>> = {
  database: async () => {
    await withTimeout(db().execute(sql`select 1`), "the database");
  },
  storage: async () => {
    if (!(await storageReachable(CHECK_TIMEOUT_MS))) throw new Error("HeadBucket failed (a bucket is missing or the store is unreachable)");
  },
  render_backend: async () => {
    const { url, headers } = renderHealthTarget();
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    await res.body?.cancel();
    if (!res.ok) throw new Error(`${new URL(url).origin} answered HTTP ${res.status}`);
  },
};

export async function readiness(): Promise<{ status: number; body: Record<string, unknown> }> {
  if (isShuttingDown()) return { status: 503, body: { status: "unavailable", failing: ["shutting_down"], checks: {} } };
  const names = Object.keys(checks) as CheckName[];
  const results = await Promise.all(names.map((n) => timed(checks[n])));
  const byName = Object.fromEntries(names.map((n, i) => [n, results[i]!])) as Record<CheckName, CheckResult>;
  const failing = names.filter((n) => !byName[n].ok);
  return {
    status: failing.length ? 503 : 200,
    body: { status: failing.length ? "unavailable" : "ok", ...(failing.length ? { failing } : {}), checks: byName },
  };
}

const NO_STORE = { "cache-control": "no-store" };

export async function readyzResponse(): Promise<Response> {
  const { status, body } = await readiness();
  return Response.json(body, { status, headers: NO_STORE });
}
