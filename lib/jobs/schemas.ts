import { z } from "zod";
import { paginationQuery } from "@/lib/http/pagination";
import { renderOptionsSchema } from "@/lib/storyboard/schema";
import { URN_PATTERN } from "@/lib/urn";
import type { JobRow } from "./access";
import { JOB_STATUSES, isTerminal, type JobStatus } from "./state";

export { JOB_EVENT_TYPES, PHASES, TERMINAL_EVENTS } from "./state";
export type { JobEventType, JobProgress, Phase } from "./state";

/** jobs.output (keys only; URLs are presigned per response). */
export interface JobOutput {
  video_key: string;
  thumbnail_key: string;
  duration: number;
  resolution: string;
  format: "mp4";
  size_bytes: number;
  scene_clips: { scene_id: string; key: string }[];
  metadata: { backend: string; model: string; seed: number; generation_time_ms: number };
}

const owner = z.string().regex(URN_PATTERN, "Must be an owner URN (framecast:user:usr_<uuid>, …).");

export const generateSchema = z
  .object({
    spec: z.union([z.record(z.string(), z.unknown()), z.string().max(200_000)]),
    owner: owner.optional(),
    options: renderOptionsSchema.optional(),
    idempotency_key: z.string().min(1).max(255).optional(),
  })
  .strict();

export const cloneSchema = z
  .object({ owner: owner.optional(), options: renderOptionsSchema.optional(), idempotency_key: z.string().min(1).max(255).optional() })
  .strict();

const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), "Must be an ISO-8601 date-time.");

export const listJobsQuery = z
  .object({
    ...paginationQuery,
    status: z.enum(JOB_STATUSES).optional(),
    owner: owner.optional(),
    project_id: z.string().uuid().optional(),
    created_after: isoDate.optional(),
    created_before: isoDate.optional(),
    include: z.enum(["spec"]).optional().meta({ description: "`spec` adds each job's `spec_snapshot` (left out of lists by default: it makes pages heavy)." }),
  })
  .strict();

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The rendered storyboard's title (lists show it without the whole `spec_snapshot`). */
function storyboardTitle(spec: unknown): string | null {
  const title = (spec as { title?: unknown } | null)?.title;
  return typeof title === "string" ? title : null;
}

/**
 * The public job object (spec part 1 §3 plus derived fields). URLs are added by the caller;
 * `withSpec: false` (lists without `?include=spec`) leaves `spec_snapshot` out.
 */
export function toJobResponse(row: JobRow, extra: { output?: unknown; scene_previews?: unknown; withSpec?: boolean } = {}) {
  const status = row.status as JobStatus;
  return {
    id: row.id,
    owner: row.owner,
    triggered_by: row.triggeredBy,
    project_id: row.projectId,
    status,
    title: storyboardTitle(row.specSnapshot),
    ...(extra.withSpec === false ? {} : { spec_snapshot: row.specSnapshot }),
    options: row.options,
    progress: row.progress,
    output: extra.output !== undefined ? extra.output : row.output,
    output_size_bytes: row.outputSizeBytes,
    error: row.error,
    failure_type: row.failureType,
    credits_charged: row.creditsCharged,
    credits_refunded: row.creditsRefunded,
    net_credits: row.creditsCharged - row.creditsRefunded,
    idempotency_key: row.idempotencyKey,
    canceled_by: row.canceledBy,
    is_ephemeral: row.projectId === null,
    is_terminal: isTerminal(status),
    started_at: iso(row.startedAt),
    completed_at: iso(row.completedAt),
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
    ...(extra.scene_previews !== undefined ? { scene_previews: extra.scene_previews } : {}),
  };
}
export type JobResponse = ReturnType<typeof toJobResponse>;
