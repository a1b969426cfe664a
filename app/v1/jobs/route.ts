import { route } from "@/lib/http/route";
import { listJobsQuery } from "@/lib/jobs/schemas";
import { listJobs } from "@/lib/jobs/service";

export const dynamic = "force-dynamic";

// GET /v1/jobs – jobs of the caller's accessible owners, newest first
export const GET = route({ scope: "jobs:read", query: listJobsQuery }, ({ db, principal, query }) => listJobs(db, principal, query));
