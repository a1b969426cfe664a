import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { createdAt, isUrn, ts, updatedAt } from "./common";
import { failureType, jobEventType, jobStatus } from "./enums";
import { projects } from "./projects";

export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    owner: text("owner").notNull(),
    triggeredBy: uuid("triggered_by").references(() => users.id, { onDelete: "set null" }),
    projectId: uuid("project_id").references(() => projects.id, { onDelete: "set null" }),
    status: jobStatus("status").notNull().default("queued"),
    specSnapshot: jsonb("spec_snapshot").notNull(),
    options: jsonb("options").notNull().default({}),
    progress: jsonb("progress").notNull().default({}),
    output: jsonb("output"),
    outputSizeBytes: bigint("output_size_bytes", { mode: "number" }),
    error: jsonb("error"),
    failureType: failureType("failure_type"),
    creditsCharged: integer("credits_charged").notNull().default(0),
    creditsRefunded: integer("credits_refunded").notNull().default(0),
    idempotencyKey: text("idempotency_key"),
    requestHash: text("request_hash"),
    canceledBy: uuid("canceled_by").references(() => users.id, { onDelete: "set null" }),
    startedAt: ts("started_at"),
    completedAt: ts("completed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("jobs_owner_idx").on(t.owner, t.createdAt),
    index("jobs_project_idx").on(t.projectId),
    index("jobs_active_owner_idx").on(t.owner).where(sql`${t.status} in ('queued', 'processing')`),
    // J12: at most one active job per project.
    uniqueIndex("jobs_one_active_per_project")
      .on(t.projectId)
      .where(sql`${t.projectId} is not null and ${t.status} in ('queued', 'processing')`),
    uniqueIndex("jobs_idempotency_key").on(t.triggeredBy, t.idempotencyKey),
    check("jobs_owner_urn", isUrn("owner")),
    check("jobs_project_team_owner", sql`${t.projectId} is null or ${t.owner} ~ '^framecast:team:'`),
    check(
      "jobs_terminal_completed_at",
      sql`(${t.status} in ('completed', 'failed', 'canceled')) = (${t.completedAt} is not null)`,
    ),
    check("jobs_completed_after_created", sql`${t.completedAt} is null or ${t.completedAt} >= ${t.createdAt}`),
    check("jobs_started_after_created", sql`${t.startedAt} is null or ${t.startedAt} >= ${t.createdAt}`),
    check(
      "jobs_completed_after_started",
      sql`${t.startedAt} is null or ${t.completedAt} is null or ${t.completedAt} >= ${t.startedAt}`,
    ),
    check("jobs_processing_started", sql`${t.status} <> 'processing' or ${t.startedAt} is not null`),
    check("jobs_completed_output", sql`${t.status} <> 'completed' or ${t.output} is not null`),
    check("jobs_failed_error", sql`${t.status} <> 'failed' or ${t.error} is not null`),
    check(
      "jobs_failure_type_iff_failed",
      sql`(${t.status} in ('failed', 'canceled')) = (${t.failureType} is not null)`,
    ),
    check("jobs_canceled_failure_type", sql`${t.status} <> 'canceled' or ${t.failureType} = 'canceled'`),
    check(
      "jobs_credits_valid",
      sql`${t.creditsCharged} >= 0 and ${t.creditsRefunded} >= 0 and ${t.creditsRefunded} <= ${t.creditsCharged}`,
    ),
    check("jobs_output_size_nonneg", sql`${t.outputSizeBytes} is null or ${t.outputSizeBytes} >= 0`),
    check("jobs_idempotency_key_len", sql`${t.idempotencyKey} is null or char_length(${t.idempotencyKey}) between 1 and 255`),
    check("jobs_updated_after_created", sql`${t.updatedAt} >= ${t.createdAt}`),
  ],
);

export const jobEvents = pgTable(
  "job_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    sequence: bigint("sequence", { mode: "number" }).notNull(),
    eventType: jobEventType("event_type").notNull(),
    payload: jsonb("payload").notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("job_events_job_sequence_key").on(t.jobId, t.sequence),
    index("job_events_created_idx").on(t.createdAt),
    check("job_events_sequence_positive", sql`${t.sequence} >= 1`),
  ],
);

/**
 * One backend request per (job, scene): makes submission idempotent across step retries, lets the
 * callback route check that a completion belongs to a live request, and lets cancel reach the backend.
 */
export const renderRequests = pgTable(
  "render_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    sceneId: text("scene_id").notNull(),
    backend: text("backend").notNull(),
    requestId: text("request_id"),
    status: text("status").notNull().default("submitting"),
    attempt: integer("attempt").notNull().default(1),
    /** The backend's completion report (RunPod shape), from the callback or a status poll. */
    result: jsonb("result"),
    /** Set once the clip is in our bucket (the scene_complete event is written with it). */
    clipKey: text("clip_key"),
    error: text("error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("render_requests_job_scene_key").on(t.jobId, t.sceneId),
    index("render_requests_request_idx").on(t.backend, t.requestId),
    check(
      "render_requests_status",
      sql`${t.status} in ('submitting', 'submitted', 'completed', 'failed', 'canceled')`,
    ),
  ],
);
