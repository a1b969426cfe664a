import { serviceStatus } from "@/lib/ops/status";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// GET /v1/status – version and whether the database and storage are reachable
export const GET = route({ auth: "public" }, ({ db }) => serviceStatus(db));
