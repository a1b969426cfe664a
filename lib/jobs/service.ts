import { and, asc, desc, eq, gte, inArray, isNotNull, lte } from "drizzle-orm";
import { jobs, renderRequests } from "@/drizzle/schema";
import type { Principal } from "@/lib/auth/principal";
import type { Db, DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { afterCursor, decodeCursor, page } from "@/lib/http/pagination";
import { EVENTS } from "@/lib/inngest/client";
import { log } from "@/lib/log";
import { parseUrn } from "@/lib/urn";
import { ownerAccess, ownersInScope } from "@/lib/urn/access";
import { loadVisibleJob, type JobRow } from "./access";
import { createJob, type CreateJobResult } from "./create";
import { enqueueEvent, kickOutbox } from "./outbox";
import { toJobResponse } from "./schemas";
import { isTerminal, type JobStatus } from "./state";
import { outputWithUrls } from "./output-urls";
import { deleteJobObjects, presignOutput } from "./storage";
import { transitionJob } from "./transition";
import { adjustStorage } from "@/lib/storage/counters";

export interface ListJobsQuery {
  limit: number;
  cursor?: string;
  status?: JobStatus;
  owner?: string;
  project_id?: string;
  created_after?: string;
  created_before?: string;
  include?: "spec";
}

export async function listJobs(db: Db, principal: Principal, q: ListJobsQuery) {
  const scope = await ownersInScope(db, principal, q.owner);
  if (scope.length === 0) return { data: [], next_cursor: null };
  const cursor = decodeCursor(q.cursor);
  const rows = await db
    .select()
    .from(jobs)
    .where(
      and(
        inArray(jobs.owner, scope),
        q.status ? eq(jobs.status, q.status) : undefined,
        q.project_id ? eq(jobs.projectId, q.project_id) : undefined,
        q.created_after ? gte(jobs.createdAt, new Date(q.created_after)) : undefined,
        q.created_before ? lte(jobs.createdAt, new Date(q.created_before)) : undefined,
        afterCursor(cursor, jobs.createdAt, jobs.id),
      ),
    )
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(q.limit + 1);
  // Completed jobs carry presigned URLs in lists too (thumbnails); the storyboard only on request.
  const shown = rows.slice(0, q.limit);
  const outputs = new Map(await Promise.all(shown.map(async (r) => [r.id, await outputWithUrls(r)] as const)));
  const withSpec = q.include === "spec";
  return page(rows, q.limit, (r) => toJobResponse(r, { output: outputs.get(r.id), withSpec }));
}

async function scenePreviews(db: DbOrTx, jobId: string) {
  const rows = await db
    .select({ sceneId: renderRequests.sceneId, key: renderRequests.clipKey })
    .from(renderRequests)
    .where(and(eq(renderRequests.jobId, jobId), isNotNull(renderRequests.clipKey)))
    .orderBy(asc(renderRequests.updatedAt));
  return Promise.all(rows.map(async (r) => ({ scene_id: r.sceneId, url: await presignOutput(r.key!) })));
}

/** The job with presigned output URLs (completed) and previews of the scenes rendered so far. */
export async function jobDetail(db: DbOrTx, row: JobRow) {
  const [output, scene_previews] = await Promise.all([outputWithUrls(row), scenePreviews(db, row.id)]);
  return toJobResponse(row, { output, scene_previews });
}

export async function getJob(db: Db, principal: Principal, id: string) {
  return jobDetail(db, await loadVisibleJob(db, principal, id));
}

/** triggered_by, or an owner/admin of the job's team. */
async function assertMayManage(db: Db, principal: Principal, row: JobRow, what: string) {
  if (row.triggeredBy === principal.user.id) return;
  const urn = parseUrn(row.owner);
  if (urn && urn.kind !== "user") {
    const access = await ownerAccess(db, principal.user, `framecast:team:tm_${urn.teamId}`);
    if (access.ok && (access.role === "owner" || access.role === "admin")) return;
  }
  throw AppError.forbidden(`Only the person who started this render or a team owner/admin can ${what} it.`);
}

export async function cancelJob(db: Db, principal: Principal, id: string) {
  const row = await loadVisibleJob(db, principal, id);
  await assertMayManage(db, principal, row, "cancel");
  const updated = await db.transaction(async (tx) => {
    const done = await transitionJob(tx, id, { to: "canceled", canceledBy: principal.user.id });
    if (done) await enqueueEvent(tx, EVENTS.jobCanceled, { job_id: id, reason: "canceled" });
    return done;
  });
  if (!updated) throw new AppError("INVALID_STATE", `The job is already ${(await loadVisibleJob(db, principal, id)).status}.`);
  kickOutbox();
  return jobDetail(db, updated);
}

export async function cloneJob(
  db: Db,
  principal: Principal,
  id: string,
  input: { owner?: string; options?: Record<string, unknown>; idempotencyKey?: string | null },
): Promise<CreateJobResult> {
  const row = await loadVisibleJob(db, principal, id);
  return createJob(db, principal, {
    spec: row.specSnapshot as Record<string, unknown>,
    // Like /v1/generate: the new job is the caller's (or the API key's owner's) unless `owner` says otherwise.
    owner: input.owner,
    options: (input.options ?? row.options) as CreateJobResult["job"]["options"] & object,
    projectId: null,
    idempotencyKey: input.idempotencyKey ?? null,
  });
}

/**
 * Ephemeral and terminal jobs only, by the person who started it or an owner/admin of its team
 * (never a viewer or another member); removes the stored objects and gives the storage back.
 */
export async function deleteJob(db: Db, principal: Principal, id: string): Promise<void> {
  const row = await loadVisibleJob(db, principal, id);
  await assertMayManage(db, principal, row, "delete");
  if (row.projectId) throw new AppError("INVALID_STATE", "Project renders are kept with their project; only ephemeral jobs can be deleted.");
  if (!isTerminal(row.status as JobStatus)) throw new AppError("INVALID_STATE", "Cancel the job before deleting it.");
  const removed = await deleteJobObjects(row.owner, row.id).catch((err: unknown) => {
    log.error({ err, jobId: id }, "deleting job objects failed");
    throw new AppError("SERVICE_UNAVAILABLE", "Storage is unavailable; the job was not deleted. Try again.");
  });
  await db.transaction(async (tx) => {
    const gone = await tx.delete(jobs).where(eq(jobs.id, id)).returning({ id: jobs.id });
    if (gone.length && row.status === "completed") await adjustStorage(tx, row.owner, -(row.outputSizeBytes ?? 0));
  });
  log.info({ jobId: id, bytes: removed }, "job deleted");
}
