import { and, count, eq, inArray, like, or, sql } from "drizzle-orm";
import { jobs, projects, users } from "@/drizzle/schema";
import { creditBalance } from "@/lib/credits/service";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import type { Urn } from "@/lib/urn";

/**
 * Active jobs per credit source: a starter's personal URN 1 (CARD-6); a creator's personal URN 5,
 * the per-owner limit a team has too (CARD-5, team + membership URNs together).
 */
export const ACTIVE_JOB_LIMIT = { starter: 1, owner: 5 } as const;
const ACTIVE = ["queued", "processing"] as const;

export interface LockedSource {
  balance: number;
  /** How many jobs of this credit source may be active at once. */
  activeLimit: number;
}

/**
 * Locks the credit source row (concurrent creations for one owner run one after another) and reads,
 * in the same statement, its balance and — a personal URN's from the user's tier — its active-job limit.
 */
export async function lockCreditSource(tx: DbOrTx, urn: Urn): Promise<LockedSource> {
  if (urn.kind !== "user") return { balance: await creditBalance(tx, urn, { lock: true }), activeLimit: ACTIVE_JOB_LIMIT.owner };
  const [user] = await tx.select({ credits: users.credits, tier: users.tier }).from(users).where(eq(users.id, urn.userId)).for("update");
  if (!user) throw AppError.notFound("Owner");
  return { balance: user.credits, activeLimit: user.tier === "creator" ? ACTIVE_JOB_LIMIT.owner : ACTIVE_JOB_LIMIT.starter };
}

export async function assertUnderActiveLimit(tx: DbOrTx, urn: Urn, owner: string, limit: number): Promise<void> {
  const ownerFilter =
    urn.kind === "user"
      ? eq(jobs.owner, owner)
      : or(eq(jobs.owner, `framecast:team:tm_${urn.teamId}`), like(jobs.owner, `framecast:tm_${urn.teamId}:%`));
  const [row] = await tx
    .select({ n: count() })
    .from(jobs)
    .where(and(ownerFilter, inArray(jobs.status, [...ACTIVE])));
  if ((row?.n ?? 0) >= limit) {
    throw new AppError(
      "CONCURRENCY_LIMIT_EXCEEDED",
      urn.kind !== "user"
        ? `This team already has ${limit} renders in progress; wait for one to finish.`
        : limit === 1
          ? "You already have a render in progress; wait for it to finish or cancel it (upgrade to run up to 5 at once)."
          : `You already have ${limit} renders in progress; wait for one to finish.`,
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
