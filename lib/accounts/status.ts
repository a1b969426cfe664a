import { sql } from "drizzle-orm";
import { config } from "@/lib/config";
import type { DbOrTx } from "@/lib/db/client";
import { storageReachable } from "@/lib/storage/s3";

async function timed<T>(fn: () => Promise<T>): Promise<{ ok: boolean; latency_ms: number }> {
  const t = performance.now();
  try {
    await fn();
    return { ok: true, latency_ms: Math.round(performance.now() - t) };
  } catch {
    return { ok: false, latency_ms: Math.round(performance.now() - t) };
  }
}

/** Health of the service and its backing stores (GET /v1/status). */
export async function serviceStatus(db: DbOrTx) {
  const [database, storage] = await Promise.all([
    timed(() => Promise.race([db.execute(sql`select 1`), rejectAfter(2000)])),
    timed(async () => {
      if (!(await storageReachable())) throw new Error("unreachable");
    }),
  ]);
  return {
    status: database.ok && storage.ok ? "ok" : "degraded",
    version: config().APP_VERSION,
    time: new Date().toISOString(),
    auth_mode: config().authMode,
    database: { reachable: database.ok, latency_ms: database.latency_ms },
    storage: { reachable: storage.ok, latency_ms: storage.latency_ms },
  };
}

function rejectAfter(ms: number) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms).unref?.());
}
