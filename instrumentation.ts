/** Runs once when the server starts (Node runtime only). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfigAtStartup } = await import("@/lib/startup");
    checkConfigAtStartup();
    // Traces (requests, job steps, SQL) only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
    const { startTracing } = await import("@/lib/ops/tracing");
    await startTracing();
    // SIGTERM: /readyz 503, event streams end with a retry hint, drain ≤ 25 s, pools closed.
    const { handleSigterm } = await import("@/lib/ops/shutdown");
    handleSigterm();
    // Stamps each request with its socket address before Next.js sees it (the anonymous rate limit).
    const { stampPeerAddresses } = await import("@/lib/http/client-ip");
    stampPeerAddresses();
    // Delivers outbox events a previous (crashed) process committed but never sent.
    const { startOutboxPump } = await import("@/lib/jobs/outbox");
    startOutboxPump();
  }
}
