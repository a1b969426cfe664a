import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { jobs, projects } from "@/drizzle/schema";
import type { Principal } from "@/lib/auth/principal";
import { config } from "@/lib/config";
import { applyCredits } from "@/lib/credits/service";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/http/errors";
import { EVENTS } from "@/lib/inngest/client";
import { estimateStoryboard } from "@/lib/storyboard/estimate";
import type { RenderOptions } from "@/lib/storyboard/schema";
import { SCENE_PARALLELISM, validateSpecInput } from "@/lib/storyboard/service";
import { resolveWriteOwner } from "@/lib/urn/access";
import type { JobRow } from "./access";
import { appendJobEvent } from "./events";
import { assertProjectIdle, assertUnderActiveLimit, lockCreditSource } from "./limits";
import { enqueueEvent, kickOutbox } from "./outbox";
import { bumpUsage } from "./usage";

export interface CreateJobInput {
  spec: string | Record<string, unknown>;
  owner?: string;
  options?: RenderOptions;
  projectId?: string | null;
  idempotencyKey?: string | null;
}

export interface CreateJobResult {
  job: JobRow;
  replayed: boolean;
}

/** Sorted-key JSON, so the same body always hashes the same. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => `${JSON.stringify(k)}:${stableJson(x)}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

export function requestHash(input: CreateJobInput, owner: string): string {
  const body = { spec: input.spec, owner, options: input.options ?? {}, project_id: input.projectId ?? null };
  return createHash("sha256").update(stableJson(body)).digest("hex");
}

async function findByIdempotencyKey(db: DbOrTx, userId: string, key: string): Promise<JobRow | undefined> {
  const [row] = await db.select().from(jobs).where(and(eq(jobs.triggeredBy, userId), eq(jobs.idempotencyKey, key)));
  return row;
}

function replayOrConflict(existing: JobRow, hash: string): CreateJobResult {
  if (existing.requestHash !== hash) {
    throw new AppError("CONFLICT", "This Idempotency-Key was already used with a different request body.", {
      job_id: existing.id,
    });
  }
  return { job: existing, replayed: true };
}

function resolvedOptions(options: RenderOptions | undefined): RenderOptions {
  return { resolution: "720p", fps: 24, preview: false, ...options };
}

/** Refusals a same-key request can meet because its twin has just committed: it replays instead. */
const TWIN_REFUSALS = new Set(["CONCURRENCY_LIMIT_EXCEEDED", "INSUFFICIENT_CREDITS", "INVALID_STATE"]);

async function replayAfterRace(db: DbOrTx, userId: string, key: string | null, hash: string, err: unknown): Promise<CreateJobResult | null> {
  if (!key) return null;
  const raced = isUniqueViolation(err, "jobs_idempotency_key") || (err instanceof AppError && TWIN_REFUSALS.has(err.code));
  if (!raced) return null;
  const existing = await findByIdempotencyKey(db, userId, key);
  return existing ? replayOrConflict(existing, hash) : null;
}

/**
 * Spec part 4 §1: validate, estimate, then in one transaction lock the credit source (reading its
 * balance and active-job limit), check the active jobs and the project, insert the job (an
 * Idempotency-Key twin committed meanwhile makes the insert do nothing: replay), then charge, write
 * the `queued` event, usage and the outbox row — sent together, one round trip. The outbox is
 * drained right after commit.
 */
export async function createJob(db: Db, principal: Principal, input: CreateJobInput): Promise<CreateJobResult> {
  const { owner, urn } = await resolveWriteOwner(db, principal, input.owner, "start renders");
  const hash = requestHash(input, owner);
  const key = input.idempotencyKey ?? null;
  if (key) {
    // The one look-up before the work: a replay needs no validation. Twins racing past it meet below.
    const existing = await findByIdempotencyKey(db, principal.user.id, key);
    if (existing) return replayOrConflict(existing, hash);
  }
  const result = await validateSpecInput(db, principal, input.spec);
  if (!result.valid || !result.storyboard || !result.plan) {
    throw new AppError("VALIDATION_ERROR", "The storyboard is invalid.", { errors: result.errors, warnings: result.warnings });
  }
  const options = resolvedOptions(input.options);
  const c = config();
  const estimate = estimateStoryboard(result.storyboard, result.plan, options, {
    parallelism: urn.kind === "user" ? SCENE_PARALLELISM.personal : SCENE_PARALLELISM.team,
    creditsPerSecond: c.CREDITS_PER_SECOND,
    genSecondsPerVideoSecond: c.GEN_SECONDS_PER_VIDEO_SECOND,
    backend: c.RENDER_BACKEND,
    workerConcurrency: c.RENDER_WORKER_CONCURRENCY,
  });
  const cost = estimate.estimated_credits;
  try {
    const created = await db.transaction(async (tx): Promise<CreateJobResult> => {
      const source = await lockCreditSource(tx, urn);
      if (source.balance < cost) {
        throw new AppError("INSUFFICIENT_CREDITS", `This render costs ${cost} credits; the balance is ${source.balance}.`, {
          required: cost,
          balance: source.balance,
        });
      }
      await Promise.all([
        assertUnderActiveLimit(tx, urn, owner, source.activeLimit),
        input.projectId ? assertProjectIdle(tx, input.projectId) : null,
      ]);
      const [row] = await tx
        .insert(jobs)
        .values({
          owner,
          triggeredBy: principal.user.id,
          projectId: input.projectId ?? null,
          specSnapshot: result.storyboard,
          options,
          progress: { phase: "queued", percent: 0, scenes_completed: 0, scenes_total: estimate.scenes.length, current_scene: null },
          creditsCharged: cost,
          idempotencyKey: key,
          requestHash: hash,
        })
        .onConflictDoNothing({ target: [jobs.triggeredBy, jobs.idempotencyKey] })
        .returning();
      if (!row) {
        // The same key's twin committed while this transaction waited: nothing was written here.
        const twin = await findByIdempotencyKey(tx, principal.user.id, key!);
        return replayOrConflict(twin!, hash);
      }
      const job = row;
      // Independent writes of one transaction, pipelined on its connection.
      await Promise.all([
        cost > 0 ? applyCredits(tx, { owner, delta: -cost, reason: "job_charge", jobId: job.id, actorId: principal.user.id }) : null,
        appendJobEvent(
          tx,
          job.id,
          "queued",
          {
            status: "queued",
            credits_charged: cost,
            estimated_duration_seconds: estimate.estimated_duration_seconds,
            estimated_generation_time_seconds: estimate.estimated_generation_time_seconds,
          },
          job,
        ),
        bumpUsage(tx, owner, { rendersCount: 1, creditsUsed: cost }),
        input.projectId ? tx.update(projects).set({ status: "rendering" }).where(eq(projects.id, input.projectId)) : null,
        enqueueEvent(tx, EVENTS.jobCreated, { job_id: job.id, owner }),
      ]);
      return { job, replayed: false };
    });
    if (!created.replayed) kickOutbox();
    return created;
  } catch (err) {
    // Two requests with one Idempotency-Key at the same instant: the loser replays the winner.
    const replay = await replayAfterRace(db, principal.user.id, key, hash, err);
    if (replay) return replay;
    if (input.projectId && isUniqueViolation(err, "jobs_one_active_per_project")) {
      throw new AppError("INVALID_STATE", "This project is already rendering.");
    }
    throw err;
  }
}
