/**
 * /livez, /readyz and /metrics over real HTTP against the real database, the test S3 store and a
 * real local render worker; failures are made real too (a closed port, a missing bucket).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as livez from "@/app/livez/route";
import * as metricsRoute from "@/app/metrics/route";
import * as readyz from "@/app/readyz/route";
import * as status from "@/app/v1/status/route";
import { resetConfig } from "@/lib/config";
import { closeDb } from "@/lib/db/client";
import { startRenderWorker, type RenderWorker } from "@/lib/render/worker-server";
import { freePort } from "@/scripts/lib/embedded";
import { call } from "../helpers/http";
import { serveRoute, type Served } from "../helpers/serve";

let worker: RenderWorker;
const served: Record<string, Served> = {};

async function withEnv<T>(patch: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(patch).map((k) => [k, process.env[k]]));
  const apply = (vals: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(vals)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetConfig();
  };
  apply(patch);
  try {
    return await fn();
  } finally {
    apply(before);
  }
}

const get = async (name: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${served[name]!.url}/${name}`, { headers });
  const text = await res.text();
  return { status: res.status, text, json: res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : null };
};

beforeAll(async () => {
  worker = await startRenderWorker({ port: 0, host: "127.0.0.1" });
  process.env.RENDER_WORKER_URL = worker.url;
  resetConfig();
  served.livez = await serveRoute(livez.GET as never);
  served.readyz = await serveRoute(readyz.GET as never);
  served.metrics = await serveRoute(metricsRoute.GET as never);
});

afterAll(async () => {
  for (const s of Object.values(served)) await s.stop();
  await worker.stop();
  delete process.env.RENDER_WORKER_URL;
  resetConfig();
});

describe("probes", () => {
  it("/livez answers 200 {status: ok} even with every dependency down", async () => {
    const closed = await freePort();
    await withEnv({ RENDER_WORKER_URL: `http://127.0.0.1:${closed}`, S3_BUCKET_SYSTEM: "framecast-missing-bucket" }, async () => {
      const res = await get("livez");
      expect(res).toMatchObject({ status: 200, json: { status: "ok" } });
    });
  });

  it("/readyz answers 200 when the database, storage and render worker answer", async () => {
    const res = await get("readyz");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      status: "ok",
      checks: { database: { ok: true }, storage: { ok: true }, render_backend: { ok: true } },
    });
  });

  it("/readyz → 503 naming the render backend when the worker's port is closed", async () => {
    const closed = await freePort();
    await withEnv({ RENDER_WORKER_URL: `http://127.0.0.1:${closed}` }, async () => {
      const res = await get("readyz");
      expect(res.status).toBe(503);
      expect(res.json).toMatchObject({ status: "unavailable", failing: ["render_backend"], checks: { render_backend: { ok: false, error: expect.any(String) } } });
    });
  });

  it("/readyz → 503 naming storage when a bucket does not answer HeadBucket", async () => {
    await withEnv({ S3_BUCKET_SYSTEM: `framecast-missing-${randomUUID().slice(0, 8)}` }, async () => {
      const res = await get("readyz");
      expect(res.status).toBe(503);
      expect(res.json.failing).toEqual(["storage"]);
    });
  });

  it("/readyz → 503 naming the database when it is unreachable", async () => {
    const closed = await freePort();
    const url = new URL(process.env.DATABASE_URL!);
    url.port = String(closed);
    await closeDb();
    try {
      await withEnv({ DATABASE_URL: url.toString() }, async () => {
        const res = await get("readyz");
        expect(res.status).toBe(503);
        expect(res.json.failing).toEqual(["database"]);
        await closeDb();
      });
    } finally {
      await closeDb();
    }
    expect((await get("readyz")).status).toBe(200);
  });
});

describe("/metrics", () => {
  const token = "metrics-token-0123456789abcdef";

  it("404 while METRICS_TOKEN is unset", async () => {
    expect((await get("metrics")).status).toBe(404);
    expect((await get("metrics", { authorization: `Bearer ${token}` })).status).toBe(404);
  });

  it("401 without the token or with another; with it: request latency by route, jobs by status, outbox lag, deliveries, durations", async () => {
    await withEnv({ METRICS_TOKEN: token }, async () => {
      expect((await get("metrics")).status).toBe(401);
      expect((await get("metrics", { authorization: "Bearer wrong-token-0123456789abcdef" })).status).toBe(401);
      // A /v1 request through the route wrapper is observed under its route, ids folded.
      await call(status.GET, { path: `/v1/jobs/${randomUUID()}/events` });
      const res = await get("metrics", { authorization: `Bearer ${token}` });
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/framecast_http_request_duration_seconds_count\{route="\/v1\/jobs\/:id\/events",method="GET",status="200"\} [1-9]/);
      for (const status of ["queued", "processing", "completed", "failed", "canceled"]) {
        expect(res.text).toMatch(new RegExp(`framecast_jobs\\{status="${status}"\\} \\d+`));
      }
      expect(res.text).toMatch(/framecast_outbox_lag_seconds [\d.e+-]+/);
      expect(res.text).toContain("# TYPE framecast_webhook_deliveries gauge");
      expect(res.text).toContain("# TYPE framecast_render_duration_seconds histogram");
      expect(res.text).toContain("# TYPE framecast_stitch_duration_seconds histogram");
      expect(res.text).toContain("# TYPE framecast_render_recent_duration_seconds gauge");
      expect(res.text).toMatch(/framecast_metrics_scrape_errors_total 0/);
    });
  });
});
