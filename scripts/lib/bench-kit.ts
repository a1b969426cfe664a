/**
 * Shared pieces of `just bench`: one output line per row, medians, HTTP load (autocannon), pgbench
 * and scratch databases on the PostgreSQL server of the admin URL.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import autocannon from "autocannon";
import postgres from "postgres";

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const num = (n: number) => Math.round(n).toLocaleString("en-US");
export const fmt = { num, ms: (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms` };

/** `<row-name> <ratio> (goal ≥ g)  details` — the one line format every bench script prints. */
export function printRow(name: string, ratio: number | null, goal: string, details: string): void {
  const shown = ratio === null ? "—" : ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(ratio < 0.1 ? 3 : 2);
  process.stdout.write(`${name} ${shown} (goal ${goal})  ${details}\n`);
}

export interface HttpRun {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

/** autocannon against one URL; counts non-2xx answers so a 429 storm never passes for speed. */
export async function load(url: string, opts: { connections: number; seconds: number; headers?: Record<string, string> }): Promise<HttpRun> {
  const r = await autocannon({ url, connections: opts.connections, duration: opts.seconds, headers: opts.headers ?? {} });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx + r.errors };
}

export function findPgbench(): string {
  const candidates = ["/usr/bin/pgbench", ...["17", "16", "15", "14"].map((v) => `/usr/lib/postgresql/${v}/bin/pgbench`)];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error("pgbench not found (apt-get install postgresql-client)");
  return found;
}

/** A database of its own on the server of `adminUrl`; `drop()` removes it. */
export async function scratchDatabase(adminUrl: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`).catch(() => undefined);
      await a.end();
    },
  };
}

function pgArgs(url: string): string[] {
  const u = new URL(url);
  return ["-h", u.hostname, "-p", u.port || "5432", "-U", decodeURIComponent(u.username || "postgres"), u.pathname.slice(1)];
}

function pgEnv(url: string): NodeJS.ProcessEnv {
  const pw = new URL(url).password;
  return pw ? { ...process.env, PGPASSWORD: decodeURIComponent(pw) } : process.env;
}

export function pgbenchInit(bin: string, url: string): void {
  const r = spawnSync(bin, ["-i", "-q", "-s", "1", ...pgArgs(url)], { env: pgEnv(url), encoding: "utf8" });
  if (r.status !== 0) throw new Error(`pgbench -i failed: ${r.stderr}`);
}

/**
 * TPS of pgbench's built-in tpcb-like script with `clients` clients for `seconds`. Asynchronous: a
 * blocked event loop would miss the app closing idle keep-alive sockets, and the next request on one
 * would fail with "other side closed".
 */
export function pgbenchTps(bin: string, url: string, clients: number, seconds: number): Promise<number> {
  const args = ["-b", "tpcb-like", "-c", String(clients), "-j", "2", "-T", String(seconds), "-n", ...pgArgs(url)];
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: pgEnv(url) });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const m = /tps = ([\d.]+)/.exec(out);
      if (code !== 0 || !m) reject(new Error(`pgbench failed: ${out}`));
      else resolve(Number(m[1]));
    });
  });
}
