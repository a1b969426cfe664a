/**
 * GET /v1/status: the version and whether the database and the object store answer. The store's
 * answer (HeadBucket on every bucket, in parallel) is shared: one probe at a time per process, its
 * result reused for STORAGE_PROBE_TTL_MS, so a busy status endpoint costs the store at most one
 * probe every few seconds. /readyz (lib/ops/health.ts) still probes on every call.
 */
import { sql } from "drizzle-orm";
import { config } from "@/lib/config";
import type { DbOrTx } from "@/lib/db/client";
import { storageReachable } from "@/lib/storage/s3";

export const STORAGE_PROBE_TTL_MS = 5000;

interface Probe {
  ok: boolean;
  latency_ms: number;
}

async function timed(fn: () => Promise<unknown>): Promise<Probe> {
  const t = performance.now();
  try {
    await fn();
    return { ok: true, latency_ms: Math.round(performance.now() - t) };
  } catch {
    return { ok: false, latency_ms: Math.round(performance.now() - t) };
  }
}

let storageProbe: { at: number; result: Promise<Probe> } | null = null;

/** The latest storage probe if younger than the TTL (or still running), else a new one. */
export function storageStatus(now = Date.now()): Promise<Probe> {
  if (!storageProbe || now - storageProbe.at >= STORAGE_PROBE_TTL_MS) {
    storageProbe = {
      at: now,
      result: timed(async () => {
        if (!(await storageReachable())) throw new Error("unreachable");
      }),
    };
  }
  return storageProbe.result;
}

function rejectAfter(ms: number) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms).unref?.());
}

/** Health of the service and its backing stores (GET /v1/status). */
export async function serviceStatus(db: DbOrTx) {
  const [database, storage] = await Promise.all([timed(() => Promise.race([db.execute(sql`select 1`), rejectAfter(2000)])), storageStatus()]);
  return {
    status: database.ok && storage.ok ? "ok" : "degraded",
    version: config().APP_VERSION,
    time: new Date().toISOString(),
    auth_mode: config().authMode,
    database: { reachable: database.ok, latency_ms: database.latency_ms },
    storage: { reachable: storage.ok, latency_ms: storage.latency_ms },
  };
}
