/**
 * Runs once when the server starts (Node runtime only), before it serves: only what must hold for
 * the first request. Everything else waits for first use (issue 13: `next start` → first 200).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // A bad configuration (production guards included) stops the server before it serves.
  const { checkConfigAtStartup } = await import("@/lib/startup");
  const config = checkConfigAtStartup();
  // Traces (requests, job steps, SQL) only when OTEL_EXPORTER_OTLP_ENDPOINT is set: the SDK and
  // the tracing module load only then.
  if (config.OTEL_EXPORTER_OTLP_ENDPOINT) {
    const { startTracing } = await import("@/lib/ops/tracing");
    await startTracing();
  }
  // SIGTERM: /readyz 503, event streams end with a retry hint, drain ≤ 25 s, pools closed.
  const { handleSigterm } = await import("@/lib/ops/shutdown");
  handleSigterm();
  // Stamps each request with its socket address before Next.js sees it (the anonymous rate limit).
  const { stampPeerAddresses } = await import("@/lib/http/client-ip");
  stampPeerAddresses();
  // Delivers outbox events a previous (crashed) process committed but never sent. The pump drains
  // every OUTBOX_PUMP_MS anyway, so it loads (database client, Inngest client) after one period,
  // off the path to the first response.
  setTimeout(() => {
    void import("@/lib/jobs/outbox").then(({ startOutboxPump }) => startOutboxPump(OUTBOX_PUMP_MS));
  }, OUTBOX_PUMP_MS).unref();
}

const OUTBOX_PUMP_MS = 2000;
