/**
 * OpenTelemetry: with OTEL_EXPORTER_OTLP_ENDPOINT set, spans for a request (the HTTP server span,
 * its SQL queries) and for an Inngest step call reach a local OTLP/HTTP receiver on 127.0.0.1,
 * in the OTLP JSON format.
 */
import { EventEmitter, once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as status from "@/app/v1/status/route";
import { resetConfig } from "@/lib/config";
import { closeDb } from "@/lib/db/client";
import { flushTraces, startTracing, tracingActive } from "@/lib/ops/tracing";
import { serveRoute, type Served } from "../helpers/serve";

interface OtlpSpan {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}

/** A minimal OTLP/HTTP trace receiver: POST /v1/traces with an ExportTraceServiceRequest (JSON). */
async function startOtlpReceiver() {
  const spans: OtlpSpan[] = [];
  const events = new EventEmitter();
  const contentTypes: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/traces") return void res.writeHead(404).end();
      contentTypes.push(String(req.headers["content-type"]));
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
      for (const rs of body.resourceSpans) for (const ss of rs.scopeSpans) spans.push(...ss.spans);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
      events.emit("spans");
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    contentTypes,
    /** Resolves once a received span satisfies `test` (checked at every export). */
    async waitForSpan(test: (s: OtlpSpan) => boolean): Promise<OtlpSpan> {
      for (;;) {
        const found = spans.find(test);
        if (found) return found;
        await once(events, "spans");
      }
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const attr = (s: OtlpSpan, key: string) => s.attributes.find((a) => a.key === key)?.value;

let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let served: Served;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
  resetConfig();
  expect(await startTracing()).toBe(true);
  await closeDb(); // the next pool is created traced
  served = await serveRoute(status.GET as never);
});

afterAll(async () => {
  await served.stop();
  await receiver.close();
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  resetConfig();
});

describe("tracing", () => {
  it("starts only with OTEL_EXPORTER_OTLP_ENDPOINT (a URL; unset by default)", async () => {
    const { loadConfig } = await import("@/lib/config");
    expect(loadConfig({ DATABASE_URL: "postgres://x@127.0.0.1/db" }).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(() => loadConfig({ DATABASE_URL: "postgres://x@127.0.0.1/db", OTEL_EXPORTER_OTLP_ENDPOINT: "collector" })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(tracingActive()).toBe(true);
  });

  it("a request: the HTTP server span and its SQL query spans, in one trace", async () => {
    const res = await fetch(`${served.url}/v1/status`);
    expect(res.status).toBe(200);
    await flushTraces();
    // OTLP span kinds: 2 = SERVER, 3 = CLIENT.
    const server = await receiver.waitForSpan((s) => s.kind === 2 && attr(s, "url.path")?.stringValue === "/v1/status");
    const query = await receiver.waitForSpan((s) => s.name === "db.query" && s.traceId === server.traceId);
    expect(attr(query, "db.system.name")).toEqual({ stringValue: "postgresql" });
    expect(query.parentSpanId).toBeTruthy();
    // The storage check's HeadBucket calls are client spans of the same request.
    await receiver.waitForSpan((s) => s.kind === 3 && s.name === "HEAD" && s.traceId === server.traceId);
    expect(receiver.contentTypes[0]).toContain("application/json");
  });

  it("a job step: each call Inngest makes to /api/inngest is a span named after the function and step", async () => {
    const route = await import("@/app/api/inngest/route");
    const inngestServed = await serveRoute(route.POST as never);
    try {
      const jobId = crypto.randomUUID();
      const body = {
        event: { name: "framecast/job.canceled", data: { job_id: jobId } },
        events: [{ name: "framecast/job.canceled", data: { job_id: jobId } }],
        steps: {},
        ctx: { run_id: "01JTRACETEST", attempt: 0, disable_immediate_execution: false, use_api: false, stack: { stack: [], current: 0 } },
        version: 1,
      };
      const res = await fetch(`${inngestServed.url}/api/inngest?fnId=framecast-cancel-backend-requests&stepId=step`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(res.status).toBeLessThan(300);
      await flushTraces();
      const step = await receiver.waitForSpan((s) => s.name === "inngest framecast-cancel-backend-requests step");
      expect(attr(step, "inngest.function.id")).toEqual({ stringValue: "framecast-cancel-backend-requests" });
      await receiver.waitForSpan((s) => s.name === "db.query" && s.traceId === step.traceId);
    } finally {
      await inngestServed.stop();
    }
  });
});
