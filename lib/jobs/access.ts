import { and, eq, inArray } from "drizzle-orm";
import { jobs } from "@/drizzle/schema";
import type { Principal } from "@/lib/auth/principal";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { parseUrn } from "@/lib/urn";
import { accessibleUrns } from "@/lib/urn/access";

export type JobRow = typeof jobs.$inferSelect;

/**
 * Owner URNs whose jobs the caller may see: their accessible URNs, narrowed to one team when an
 * API key is owned by a team or membership URN (such a key acts only within that team).
 */
export async function visibleOwners(db: DbOrTx, principal: Principal): Promise<string[]> {
  const all = await accessibleUrns(db, principal.user.id);
  const keyUrn = principal.apiKey ? parseUrn(principal.apiKey.owner) : null;
  if (!keyUrn || keyUrn.kind === "user") return all;
  return all.filter((u) => {
    const p = parseUrn(u);
    return p !== null && p.kind !== "user" && p.teamId === keyUrn.teamId;
  });
}

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
