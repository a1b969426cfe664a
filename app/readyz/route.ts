import { readyzResponse } from "@/lib/ops/health";

export const dynamic = "force-dynamic";

// GET /readyz – database, storage and render backend reachable; 503 names what is not
export const GET = () => readyzResponse();
