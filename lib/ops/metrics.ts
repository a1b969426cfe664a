/**
 * Prometheus metrics at GET /metrics (issue 9 item 5), behind METRICS_TOKEN (Bearer; 404 when unset).
 * In-process: request latency by route (observed by the /v1 route wrapper), render and stitch
 * durations (observeRenderDuration / observeStitchDuration for the render steps). Read from the
 * database at scrape time, so every instance reports the same truth: jobs by status, outbox lag,
 * webhook delivery outcomes, and render/stitch durations of the last hour.
 */
import { timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";

interface Metrics {
  registry: Registry;
  requestDuration: Histogram<"route" | "method" | "status">;
  renderDuration: Histogram<"backend" | "outcome">;
  stitchDuration: Histogram<"outcome">;
  scrapeErrors: Counter;
}

// One registry per process, shared through globalThis: Next bundles each route separately.
const KEY = Symbol.for("framecast.metrics");
const store = globalThis as unknown as Record<symbol, Metrics | undefined>;

const ID_SEGMENT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z]+_[A-Za-z0-9]{6,}|.*:.*|\d+)$/i;

/** The route label: id-like path segments (UUIDs, prefixed ids, URNs, numbers) become `:id`, bounding cardinality. */
export function routeLabel(pathname: string): string {
  return pathname
    .split("/")
    .map((seg) => (ID_SEGMENT.test(decodeURIComponent(seg)) ? ":id" : seg))
    .join("/");
}

function metrics(): Metrics {
  const existing = store[KEY];
  if (existing) return existing;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "framecast_process_" });
  const scrapeErrors = new Counter({ name: "framecast_metrics_scrape_errors_total", help: "Database reads at scrape time that failed", registers: [registry] });
  const fromDb = <T extends Record<string, unknown>>(name: string, query: ReturnType<typeof sql>, set: (rows: T[]) => void) => async () => {
    try {
      set((await db().execute<T>(query)) as unknown as T[]);
    } catch (err) {
      scrapeErrors.inc();
      log.warn({ err, metric: name }, "metrics: database read failed");
    }
  };

  const jobs = new Gauge({
    name: "framecast_jobs",
    help: "Jobs by status (from the database at scrape time)",
    labelNames: ["status"],
    registers: [registry],
    collect: fromDb<{ status: string; n: number }>("framecast_jobs", sql`select status::text as status, count(*)::int as n from jobs group by status`, (rows) => {
      jobs.reset();
      for (const status of ["queued", "processing", "completed", "failed", "canceled"]) jobs.set({ status }, 0);
      for (const r of rows) jobs.set({ status: r.status }, r.n);
    }),
  });
  const outboxLag = new Gauge({
    name: "framecast_outbox_lag_seconds",
    help: "Age of the oldest outbox event not yet sent to Inngest (0 when none is pending)",
    registers: [registry],
    collect: fromDb<{ lag: number; pending: number }>(
      "framecast_outbox_lag_seconds",
      sql`select coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as lag, count(*)::int as pending from outbox where sent_at is null`,
      (rows) => {
        outboxLag.set(rows[0]?.lag ?? 0);
        outboxPending.set(rows[0]?.pending ?? 0);
      },
    ),
  });
  const outboxPending = new Gauge({ name: "framecast_outbox_pending", help: "Outbox events not yet sent to Inngest", registers: [registry] });
  const deliveries = new Gauge({
    name: "framecast_webhook_deliveries",
    help: "Webhook deliveries by outcome (pending, delivered, failed, …; from the database at scrape time)",
    labelNames: ["status"],
    registers: [registry],
    collect: fromDb<{ status: string; n: number }>(
      "framecast_webhook_deliveries",
      sql`select status::text as status, count(*)::int as n from webhook_deliveries group by status`,
      (rows) => {
        deliveries.reset();
        for (const r of rows) deliveries.set({ status: r.status }, r.n);
      },
    ),
  });
  const recentRender = new Gauge({
    name: "framecast_render_recent_duration_seconds",
    help: "Scene render durations (submitted → completed) of the last hour, by backend and quantile",
    labelNames: ["backend", "quantile"],
    registers: [registry],
    collect: fromDb<{ backend: string; p50: number; p95: number }>(
      "framecast_render_recent_duration_seconds",
      sql`select backend,
            percentile_cont(0.5) within group (order by extract(epoch from updated_at - created_at))::float8 as p50,
            percentile_cont(0.95) within group (order by extract(epoch from updated_at - created_at))::float8 as p95
          from render_requests where status = 'completed' and scene_id <> '@stitch' and updated_at > now() - interval '1 hour' group by backend`,
      (rows) => {
        recentRender.reset();
        for (const r of rows) {
          recentRender.set({ backend: r.backend, quantile: "0.5" }, r.p50);
          recentRender.set({ backend: r.backend, quantile: "0.95" }, r.p95);
        }
      },
    ),
  });
  const recentStitch = new Gauge({
    name: "framecast_stitch_recent_duration_seconds",
    help: "Stitch durations (last scene rendered → job completed) of the last hour, by quantile",
    labelNames: ["quantile"],
    registers: [registry],
    collect: fromDb<{ p50: number | null; p95: number | null }>(
      "framecast_stitch_recent_duration_seconds",
      // The stitch is the render worker's `@stitch` request: from its submission to its result.
      sql`with s as (
            select extract(epoch from r.updated_at - r.created_at) as seconds
            from render_requests r
            where r.scene_id = '@stitch' and r.status = 'completed' and r.updated_at > now() - interval '1 hour')
          select percentile_cont(0.5) within group (order by seconds)::float8 as p50,
                 percentile_cont(0.95) within group (order by seconds)::float8 as p95 from s`,
      (rows) => {
        recentStitch.reset();
        if (rows[0]?.p50 != null) recentStitch.set({ quantile: "0.5" }, rows[0].p50);
        if (rows[0]?.p95 != null) recentStitch.set({ quantile: "0.95" }, rows[0].p95);
      },
    ),
  });

  const m: Metrics = {
    registry,
    scrapeErrors,
    requestDuration: new Histogram({
      name: "framecast_http_request_duration_seconds",
      help: "API request latency by route (ids replaced by :id), method and status",
      labelNames: ["route", "method", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    renderDuration: new Histogram({
      name: "framecast_render_duration_seconds",
      help: "Scene render durations in this process, by backend and outcome",
      labelNames: ["backend", "outcome"],
      buckets: [1, 5, 10, 30, 60, 120, 300, 600, 1200],
      registers: [registry],
    }),
    stitchDuration: new Histogram({
      name: "framecast_stitch_duration_seconds",
      help: "Stitch durations in this process, by outcome",
      labelNames: ["outcome"],
      buckets: [1, 5, 10, 30, 60, 120, 300, 600],
      registers: [registry],
    }),
  };
  store[KEY] = m;
  return m;
}

/** Called once per /v1 request by the route wrapper (lib/http/route.ts). */
export function observeRequest(method: string, pathname: string, status: number, durationMs: number): void {
  metrics().requestDuration.observe({ route: routeLabel(pathname), method, status: String(status) }, durationMs / 1000);
}

export function observeRenderDuration(backend: string, outcome: "completed" | "failed", seconds: number): void {
  metrics().renderDuration.observe({ backend, outcome }, seconds);
}

export function observeStitchDuration(outcome: "completed" | "failed", seconds: number): void {
  metrics().stitchDuration.observe({ outcome }, seconds);
}

function tokenMatches(header: string | null, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!m) return false;
  const a = Buffer.from(m[1]!);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** GET /metrics: 404 without METRICS_TOKEN configured, 401 without the right Bearer token. */
export async function metricsResponse(req: Request): Promise<Response> {
  const token = config().METRICS_TOKEN;
  if (!token) return new Response("Not Found\n", { status: 404 });
  if (!tokenMatches(req.headers.get("authorization"), token)) {
    return new Response("Unauthorized\n", { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"' } });
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}
