/**
 * OpenTelemetry traces, only when OTEL_EXPORTER_OTLP_ENDPOINT is set (placeholder until the SDK lands).
 */
import { config } from "@/lib/config";

export async function startTracing(): Promise<boolean> {
  return Boolean(config().OTEL_EXPORTER_OTLP_ENDPOINT);
}
