import { livezResponse } from "@/lib/ops/health";

export const dynamic = "force-dynamic";

// GET /livez – the process answers (no dependencies checked)
export const GET = () => livezResponse();
