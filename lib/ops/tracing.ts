/**
 * OpenTelemetry traces (issue 9 item 5), only when OTEL_EXPORTER_OTLP_ENDPOINT is set: spans go
 * over OTLP/HTTP (JSON) to `<endpoint>/v1/traces`. What is traced:
 *   - requests: Next.js's own server spans (it uses the globally registered provider) and
 *     @opentelemetry/instrumentation-http (incoming and outgoing HTTP: S3, RunPod, webhooks);
 *   - job steps: every call Inngest makes to /api/inngest is a span `inngest <function> <step>`;
 *   - SQL: every postgres.js query is a `db.query` client span (postgres.js has no instrumentation
 *     package, so lib/db/client.ts hands its client to traceSqlClient).
 */
import { INVALID_SPAN_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from "@opentelemetry/api";
import type { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { createRequire } from "node:module";
import path from "node:path";
import type postgres from "postgres";
import { config } from "@/lib/config";
import { log } from "@/lib/log";

interface TracingState {
  provider?: NodeTracerProvider;
}
const KEY = Symbol.for("framecast.tracing");
const store = globalThis as unknown as Record<symbol, TracingState | undefined>;
const state = (): TracingState => (store[KEY] ??= {});

export const tracingActive = () => Boolean(state().provider);
const tracer = (): Tracer => trace.getTracer("framecast");

/** Starts the SDK once per process when OTEL_EXPORTER_OTLP_ENDPOINT is set; returns whether tracing is on. */
export async function startTracing(): Promise<boolean> {
  const s = state();
  if (s.provider) return true;
  const c = config();
  const endpoint = c.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return false;
  // The SDK loads only when tracing is on.
  const [{ OTLPTraceExporter }, { registerInstrumentations }, { HttpInstrumentation }, { resourceFromAttributes }, { BatchSpanProcessor, NodeTracerProvider }] =
    await Promise.all([
      import("@opentelemetry/exporter-trace-otlp-http"),
      import("@opentelemetry/instrumentation"),
      import("@opentelemetry/instrumentation-http"),
      import("@opentelemetry/resources"),
      import("@opentelemetry/sdk-trace-node"),
    ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": "framecast", "service.version": c.APP_VERSION, "deployment.environment.name": c.NODE_ENV }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, "")}/v1/traces` }), { scheduledDelayMillis: 1000 })],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [new HttpInstrumentation({ ignoreOutgoingRequestHook: (req) => (req.path ?? "").endsWith("/v1/traces") })],
  });
  // Next.js (and anything else) loaded node:http before us: requiring it again runs the instrumentation's
  // require hook, which patches the shared module object (and http.Server.prototype.emit) in place.
  const requireAgain = createRequire(path.join(process.cwd(), "noop.js"));
  requireAgain("node:http");
  requireAgain("node:https");
  s.provider = provider;
  log.info({ endpoint }, "tracing: exporting spans over OTLP/HTTP");
  return true;
}

/** Sends every finished span now (shutdown, tests). */
export async function flushTraces(): Promise<void> {
  await state().provider?.forceFlush();
}

/** Runs `fn` inside an active span; errors mark the span and propagate. */
export async function inSpan<T>(name: string, attributes: Record<string, string | number | undefined>, fn: (span: Span) => Promise<T>, kind = SpanKind.INTERNAL): Promise<T> {
  if (!tracingActive()) return fn(trace.getActiveSpan() ?? trace.wrapSpanContext(INVALID_SPAN_CONTEXT));
  const clean = Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined)) as Record<string, string | number>;
  return tracer().startActiveSpan(name, { kind, attributes: clean }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}

type Sql = postgres.Sql;

/** Wraps a postgres.js client so each query (also inside transactions) is a `db.query` span. */
export function traceSqlClient<T extends Sql>(client: T): T {
  const originalUnsafe = client.unsafe.bind(client) as Sql["unsafe"];
  const traced = ((query: string, params?: unknown[], opts?: unknown) => {
    const q = (originalUnsafe as (...a: unknown[]) => ReturnType<Sql["unsafe"]>)(query, params, opts);
    const span = tracer().startSpan("db.query", {
      kind: SpanKind.CLIENT,
      attributes: { "db.system.name": "postgresql", "db.query.text": query.slice(0, 2000), "db.operation.name": query.trimStart().split(/\s/, 1)[0]!.toUpperCase() },
    });
    let ended = false;
    const end = (err?: unknown) => {
      if (ended) return;
      ended = true;
      if (err) {
        span.recordException(err as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      }
      span.end();
    };
    const originalThen = q.then.bind(q);
    (q as { then: unknown }).then = (onOk?: (v: unknown) => unknown, onErr?: (e: unknown) => unknown) =>
      originalThen(
        (v) => (end(), onOk ? onOk(v) : v),
        (e) => {
          end(e);
          if (onErr) return onErr(e);
          throw e;
        },
      );
    return q;
  }) as Sql["unsafe"];
  (client as { unsafe: unknown }).unsafe = traced;
  const originalBegin = client.begin.bind(client) as (...a: unknown[]) => Promise<unknown>;
  (client as { begin: unknown }).begin = (...args: unknown[]) => {
    const fn = args.at(-1) as (sql: Sql) => unknown;
    const rest = args.slice(0, -1);
    return originalBegin(...rest, (sql: Sql) => fn(traceSqlClient(sql)));
  };
  return client;
}
