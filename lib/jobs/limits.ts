import { and, count, eq, inArray, like, or, sql } from "drizzle-orm";
import { jobs, projects } from "@/drizzle/schema";
import { creditBalance } from "@/lib/credits/service";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import type { Urn } from "@/lib/urn";

/** Active jobs per credit source: personal 1 (CARD-6), team 5 (CARD-5, team + membership URNs). */
export const ACTIVE_JOB_LIMIT = { personal: 1, team: 5 } as const;
const ACTIVE = ["queued", "processing"] as const;

/** Locks the credit source row: concurrent creations for one owner run one after another. */
export function lockCreditSource(tx: DbOrTx, urn: Urn): Promise<number> {
  return creditBalance(tx, urn, { lock: true });
}

export async function assertUnderActiveLimit(tx: DbOrTx, urn: Urn, owner: string): Promise<void> {
  const ownerFilter =
    urn.kind === "user"
      ? eq(jobs.owner, owner)
      : or(eq(jobs.owner, `framecast:team:tm_${urn.teamId}`), like(jobs.owner, `framecast:tm_${urn.teamId}:%`));
  const [row] = await tx
    .select({ n: count() })
    .from(jobs)
    .where(and(ownerFilter, inArray(jobs.status, [...ACTIVE])));
  const limit = urn.kind === "user" ? ACTIVE_JOB_LIMIT.personal : ACTIVE_JOB_LIMIT.team;
  if ((row?.n ?? 0) >= limit) {
    throw new AppError(
      "CONCURRENCY_LIMIT_EXCEEDED",
      urn.kind === "user"
        ? "You already have a render in progress; wait for it to finish or cancel it."
        : `This team already has ${limit} renders in progress; wait for one to finish.`,
      { limit, active: row?.n ?? 0 },
    );
  }
}

/** J12 and the project state machine: locks the project; only a draft or completed project renders. */
export async function assertProjectIdle(tx: DbOrTx, projectId: string): Promise<void> {
  const [project] = await tx.select({ status: projects.status }).from(projects).where(eq(projects.id, projectId)).for("update");
  if (!project) throw AppError.notFound("Project");
  if (project.status === "archived") throw new AppError("INVALID_STATE", "The project is archived: unarchive it to render.");
  const [row] = await tx
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.projectId, projectId), sql`${jobs.status} in ('queued', 'processing')`));
  if (row) throw new AppError("INVALID_STATE", "This project is already rendering.", { job_id: row.id });
}
