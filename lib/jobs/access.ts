import { and, eq, inArray } from "drizzle-orm";
import { jobs } from "@/drizzle/schema";
import type { Principal } from "@/lib/auth/principal";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { accessibleUrns, visibleOwners } from "@/lib/urn/access";

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** For pages (a signed-in user, no API key): the job if it exists and the user may see it. */
export async function visibleJobForUser(db: DbOrTx, userId: string, id: string): Promise<JobRow | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, id), inArray(jobs.owner, await accessibleUrns(db, userId))));
  return row ?? null;
}

export async function jobVisibleToUser(db: DbOrTx, userId: string, id: string): Promise<boolean> {
  return (await visibleJobForUser(db, userId, id)) !== null;
}
