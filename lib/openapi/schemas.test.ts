/**
 * The response schemas of lib/openapi/schemas.ts against what the real response builders produce,
 * so the document cannot drift from the handlers silently (the integration test covers the rest).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { toApiKeyResponse, apiKeySchema, type ApiKeyRow } from "@/lib/api-keys/schemas";
import type { JobRow } from "@/lib/jobs/access";
import { toJobResponse } from "@/lib/jobs/schemas";
import { eventData } from "@/lib/jobs/sse";
import { estimateStoryboard } from "@/lib/storyboard/estimate";
import { storyboardSchema } from "@/lib/storyboard/schema";
import { publicResult } from "@/lib/storyboard/service";
import { validateStoryboard } from "@/lib/storyboard/validate";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { userUrn } from "@/lib/urn";
import { estimateSchema, jobEventSchema, jobSchema, validationResultSchema } from "./schemas";

const userId = randomUUID();
const now = new Date("2026-03-01T12:00:00Z");

function jobRow(over: Partial<JobRow> = {}): JobRow {
  return {
    id: randomUUID(),
    owner: userUrn(userId),
    triggeredBy: userId,
    projectId: null,
    status: "queued",
    specSnapshot: storyboardSchema.parse(WELCOME_SPEC),
    options: { resolution: "720p", fps: 24, preview: false },
    progress: { phase: "queued", percent: 0, scenes_completed: 0, scenes_total: 2, current_scene: null },
    output: null,
    outputSizeBytes: null,
    error: null,
    failureType: null,
    creditsCharged: 100,
    creditsRefunded: 0,
    idempotencyKey: null,
    requestHash: null,
    canceledBy: null,
    startedAt: null,
    completedAt: null,
    createdAt: now,
    updatedAt: now,
    ...over,
  } as JobRow;
}

const strictJob = jobSchema.strict();

describe("jobSchema matches toJobResponse", () => {
  it("a queued job (as in lists)", () => {
    const body = toJobResponse(jobRow());
    expect(strictJob.parse(body)).toEqual(body);
  });

  it("a completed job with presigned URLs and scene previews (GET one)", () => {
    const output = {
      video_key: "user/x/jobs/y/final.mp4",
      thumbnail_key: "user/x/jobs/y/thumbnail.jpg",
      duration: 9,
      resolution: "1280x720",
      format: "mp4",
      size_bytes: 12345,
      scene_clips: [{ scene_id: "storm", key: "user/x/jobs/y/scene_storm.mp4" }],
      metadata: { backend: "local", model: "animatic", seed: 42, generation_time_ms: 1200 },
    };
    const row = jobRow({
      status: "completed",
      output,
      outputSizeBytes: 12345,
      startedAt: now,
      completedAt: now,
      progress: { phase: "done", percent: 100, scenes_completed: 2, scenes_total: 2, current_scene: null },
    });
    const body = toJobResponse(row, {
      output: { ...output, video_url: "http://s3.test/final.mp4?sig", thumbnail_url: "http://s3.test/thumb.jpg?sig" },
      scene_previews: [{ scene_id: "storm", url: "http://s3.test/scene_storm.mp4?sig" }],
    });
    expect(strictJob.parse(body)).toEqual(body);
  });

  it("a failed job with an error", () => {
    const body = toJobResponse(
      jobRow({
        status: "failed",
        failureType: "system",
        error: { code: "RENDER_FAILED", message: "The backend failed.", scene_id: "storm" },
        creditsRefunded: 100,
        startedAt: now,
        completedAt: now,
      }),
    );
    expect(strictJob.parse(body)).toEqual(body);
  });

  it("rejects a job missing a field the document requires", () => {
    const body: Record<string, unknown> = toJobResponse(jobRow());
    delete body.net_credits;
    expect(jobSchema.safeParse(body).success).toBe(false);
  });
});

describe("storyboard responses", () => {
  it("validation results (valid and invalid) match validationResultSchema", async () => {
    for (const input of [WELCOME_SPEC, { title: "", scenes: [{ id: "A", prompt: "x", duration: 99 }], extra: 1 }]) {
      const body = publicResult(await validateStoryboard(input));
      expect(validationResultSchema.strict().parse(body)).toEqual(body);
    }
  });

  it("an estimate (as POST /v1/spec/estimate builds it) matches estimateSchema", async () => {
    const result = await validateStoryboard(WELCOME_SPEC);
    const estimate = estimateStoryboard(result.storyboard!, result.plan!, { resolution: "1080p" });
    const body = { ...estimate, warnings: result.warnings, balance: 500, sufficient_credits: true };
    expect(estimateSchema.strict().parse(body)).toEqual(body);
  });
});

describe("other shapes", () => {
  it("job event data matches jobEventSchema", () => {
    const data = eventData({ jobId: randomUUID(), sequence: 1, eventType: "queued", payload: { status: "queued", credits_charged: 100 }, createdAt: now });
    expect(jobEventSchema.parse(data)).toEqual(data);
  });

  it("API keys match apiKeySchema", () => {
    const row = {
      id: randomUUID(),
      userId,
      owner: userUrn(userId),
      name: "CI",
      keyPrefix: "sk_live_ab12cd34",
      keyHash: "h",
      scopes: ["*"],
      lastUsedAt: null,
      expiresAt: null,
      revokedAt: null,
      createdAt: now,
    } as unknown as ApiKeyRow;
    const body = toApiKeyResponse(row);
    expect(apiKeySchema.strict().parse(body)).toEqual(body);
  });
});
