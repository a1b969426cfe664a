import { metricsResponse } from "@/lib/ops/metrics";

export const dynamic = "force-dynamic";

// GET /metrics – Prometheus text format, behind METRICS_TOKEN (Bearer)
export const GET = (req: Request) => metricsResponse(req);
