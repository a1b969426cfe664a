import { and, eq, inArray } from "drizzle-orm";
import { jobs } from "@/drizzle/schema";
import type { Principal } from "@/lib/auth/principal";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { visibleOwners } from "@/lib/urn/access";

export type JobRow = typeof jobs.$inferSelect;

/** The job if the caller may see it; otherwise 404 (never leak existence). */
export async function loadVisibleJob(db: DbOrTx, principal: Principal, id: string): Promise<JobRow> {
  const owners = await visibleOwners(db, principal);
  const [row] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, id), inArray(jobs.owner, owners)));
  if (!row) throw AppError.notFound("Job");
  return row;
}
