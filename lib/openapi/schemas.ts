/**
 * Response shapes that have no zod schema where the handlers build them (toJobResponse, serviceStatus,
 * accountUsage, publicResult, estimateSpec …). They exist for the OpenAPI document; the tests parse
 * real handler output through them so the document cannot drift silently.
 */
import { z } from "zod";
import { apiKeySchema } from "@/lib/api-keys/schemas";
import { JOB_EVENT_TYPES, PHASES } from "@/lib/jobs/schemas";
import { JOB_STATUSES } from "@/lib/jobs/state";
import { renderOptionsSchema, storyboardSchema } from "@/lib/storyboard/schema";

const isoTime = z.string().meta({ format: "date-time" });
const nullableIso = isoTime.nullable();
const urn = z.string().meta({ description: "An owner URN.", examples: ["framecast:user:usr_5b0e3c7a-7f43-4a52-9d5e-0e6f3b1c2d4e"] });

/** One page of a list: `{data, next_cursor}`. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    next_cursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
  });

export const jobProgressSchema = z
  .object({
    phase: z.enum(PHASES),
    percent: z.number().min(0).max(100),
    scenes_completed: z.number().int(),
    scenes_total: z.number().int(),
    current_scene: z.string().nullable().optional(),
  })
  .meta({ description: "Progress; percent never goes down." });

export const jobOutputSchema = z
  .object({
    video_key: z.string(),
    thumbnail_key: z.string(),
    duration: z.number(),
    resolution: z.string().meta({ examples: ["1280x720"] }),
    format: z.literal("mp4"),
    size_bytes: z.number().int(),
    scene_clips: z.array(z.object({ scene_id: z.string(), key: z.string() })),
    metadata: z.object({ backend: z.string(), model: z.string(), seed: z.number().int(), generation_time_ms: z.number() }),
    video_url: z.string().url().optional().meta({ description: "Presigned GET of the video (1 h); on a completed job." }),
    thumbnail_url: z.string().url().optional().meta({ description: "Presigned GET of the thumbnail (1 h); on a completed job, in lists too." }),
    download_url: z
      .string()
      .url()
      .optional()
      .meta({ description: "Presigned GET of the video (1 h) answered with `Content-Disposition: attachment; filename=\"<storyboard title>.mp4\"` (ASCII fallback) plus RFC 5987 `filename*=UTF-8''…`; on a completed job." }),
  })
  .meta({ description: "The rendered video; null until the job completes." });

export const jobErrorSchema = z.object({ code: z.string(), message: z.string(), scene_id: z.string().optional() });

/** Stored options: the request's render options with the defaults filled in. */
export const jobOptionsSchema = renderOptionsSchema.required({ resolution: true, fps: true, preview: true });

export const jobSchema = z
  .object({
    id: z.string().uuid(),
    owner: urn,
    triggered_by: z.string().uuid().nullable(),
    project_id: z.string().uuid().nullable(),
    status: z.enum(JOB_STATUSES),
    title: z.string().nullable().meta({ description: "The storyboard's title (`spec_snapshot.title`)." }),
    spec_snapshot: storyboardSchema.optional().meta({ description: "The storyboard as rendered. Always on single-job responses; in `GET /v1/jobs` only with `?include=spec`." }),
    options: jobOptionsSchema,
    progress: jobProgressSchema,
    output: jobOutputSchema.nullable(),
    output_size_bytes: z.number().int().nullable(),
    error: jobErrorSchema.nullable(),
    failure_type: z.enum(["system", "validation", "timeout", "canceled"]).nullable(),
    credits_charged: z.number().int(),
    credits_refunded: z.number().int(),
    net_credits: z.number().int(),
    idempotency_key: z.string().nullable(),
    canceled_by: z.string().uuid().nullable(),
    is_ephemeral: z.boolean(),
    is_terminal: z.boolean(),
    started_at: nullableIso,
    completed_at: nullableIso,
    created_at: isoTime,
    updated_at: isoTime,
    scene_previews: z
      .array(z.object({ scene_id: z.string(), url: z.string().url() }))
      .optional()
      .meta({ description: "Scenes rendered so far, presigned (1 h). On single-job responses only." }),
  })
  .meta({ description: "A render job." });

export const jobEventSchema = z
  .looseObject({
    job_id: z.string().uuid(),
    sequence: z.number().int().min(1),
    event_type: z.enum(JOB_EVENT_TYPES),
    created_at: isoTime,
  })
  .meta({
    description:
      "The `data:` of one server-sent event: the event's payload fields (see the event types) plus its identity.",
  });

export const statusSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  version: z.string(),
  time: isoTime,
  auth_mode: z.enum(["supabase", "local"]),
  database: z.object({ reachable: z.boolean(), latency_ms: z.number() }),
  storage: z.object({ reachable: z.boolean(), latency_ms: z.number() }),
});

const usageCounters = {
  renders_count: z.number().int(),
  render_seconds: z.number(),
  credits_used: z.number().int(),
  credits_refunded: z.number().int(),
  net_credits: z.number().int(),
  api_calls: z.number().int(),
};

export const usageSchema = z.object({
  period: z.string().meta({ examples: ["2026-03"] }),
  data: z.array(z.object({ owner: urn, period: z.string(), ...usageCounters })),
  totals: z.object(usageCounters),
});

export const storyboardIssueSchema = z.object({
  path: z.string().meta({ examples: ["scenes[0].duration"] }),
  message: z.string(),
  value: z.unknown().optional(),
  valid_values: z.array(z.unknown()).optional(),
  limit: z.number().optional(),
  line: z.number().int().optional().meta({ description: "1-based; YAML input only." }),
  column: z.number().int().optional().meta({ description: "1-based; YAML input only." }),
});

export const validationResultSchema = z.object({
  valid: z.boolean(),
  errors: z.array(storyboardIssueSchema),
  warnings: z.array(storyboardIssueSchema),
});

export const estimateSchema = z.object({
  estimated_duration_seconds: z.number(),
  estimated_credits: z.number().int(),
  estimated_generation_time_seconds: z.number(),
  scenes: z.array(z.object({ id: z.string(), duration: z.number(), credits: z.number().int() })),
  warnings: z.array(storyboardIssueSchema),
  balance: z.number().int().optional().meta({ description: "With `owner` only." }),
  sufficient_credits: z.boolean().optional().meta({ description: "With `owner` only." }),
});

export const generatedSpecSchema = z.object({
  spec: z.record(z.string(), z.unknown()).meta({ description: "The storyboard Claude wrote (keys in the usual order)." }),
  yaml: z.string().meta({ description: "The same storyboard as YAML, ready for the editor." }),
  validation: validationResultSchema,
  estimate: estimateSchema.nullable().meta({ description: "Null when the storyboard is still invalid after the repair rounds." }),
  usage: z.object({ input_tokens: z.number().int(), output_tokens: z.number().int() }),
  repair_rounds: z.number().int().min(0).max(2).meta({ description: "How many times the validator's errors were sent back (at most 2)." }),
});

export const apiKeyCreatedSchema = z.object({
  api_key: apiKeySchema,
  raw_key: z.string().meta({ description: "The secret; shown in this response only.", examples: ["sk_live_ab12cd34_…"] }),
});
