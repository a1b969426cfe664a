import type { NextRequest } from "next/server";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { readJsonBody } from "@/lib/http/body";
import { AppError } from "@/lib/http/errors";
import { json, toErrorResponse } from "@/lib/http/respond";
import { requestIdFrom } from "@/lib/http/request-id";
import { EVENTS } from "@/lib/inngest/client";
import { verifyCallbackToken } from "@/lib/jobs/callback-token";
import { enqueueEvent, kickOutbox } from "@/lib/jobs/outbox";
import { liveRequestStatus, recordBackendResult } from "@/lib/jobs/render-steps";
import type { BackendResult } from "@/lib/render/types";
import { readableError } from "@/lib/render/queue-client";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

/** RunPod's webhook body (the same as GET /status/:id); other fields are kept as they come. */
const resultSchema = z
  .object({
    id: z.string().min(1).max(200),
    status: z.enum(["IN_QUEUE", "RUNNING", "IN_PROGRESS", "COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"]),
    output: z.record(z.string(), z.unknown()).optional().nullable(),
    // RunPod sends whole tracebacks: keep the start (the message), never refuse the report for it.
    error: z
      .string()
      .transform((e) => e.slice(0, 10_000))
      .optional()
      .nullable(),
    executionTime: z.number().optional(),
    delayTime: z.number().optional(),
  })
  .passthrough();

const TOO_LARGE = Symbol("too large");

/** The body, or TOO_LARGE when it is over the 1 MiB limit (not read further). */
async function readReport(req: NextRequest): Promise<unknown> {
  try {
    return await readJsonBody(req);
  } catch (err) {
    if (err instanceof AppError && err.code === "PAYLOAD_TOO_LARGE") return TOO_LARGE;
    throw err;
  }
}

/**
 * The reported result. A body over the limit (RunPod in base64 mode sends the whole clip) is not
 * read: the same status body is fetched from the backend's `/status` instead, never a 413.
 */
async function reportedResult(req: NextRequest, target: { jobId: string; sceneId: string }): Promise<BackendResult | null> {
  const body = await readReport(req);
  if (body === TOO_LARGE) return liveRequestStatus(target.jobId, target.sceneId);
  const parsed = resultSchema.safeParse(body);
  if (!parsed.success) throw AppError.validation([{ path: "body", message: "Not a render backend status body." }]);
  return readableError({ ...parsed.data, output: parsed.data.output ?? undefined, error: parsed.data.error ?? undefined });
}

/**
 * POST /api/render/callback?token=… — render backends report a scene here. The result is recorded
 * once for the live request it names (late or duplicate callbacks change nothing) and announced
 * with `framecast/scene.completed`, which the waiting render function receives.
 */
export async function POST(req: NextRequest): Promise<Response> {
  const requestId = requestIdFrom(req.headers);
  try {
    const target = await verifyCallbackToken(req.nextUrl.searchParams.get("token") ?? "");
    if (!target) throw AppError.unauthorized("Invalid or expired callback token.");
    const reported = await reportedResult(req, target);
    if (!reported) {
      log.info({ request_id: requestId, ...target }, "render callback: large body and no live request");
      return json({ ok: true, recorded: false });
    }
    const result = reported;
    const recorded = await recordBackendResult(target.jobId, target.sceneId, result);
    if (recorded) {
      await enqueueEvent(db(), EVENTS.sceneCompleted, {
        job_id: target.jobId,
        scene_id: target.sceneId,
        request_id: result.id,
        status: result.status,
      });
      kickOutbox();
    }
    log.info({ request_id: requestId, ...target, backendStatus: result.status, recorded }, "render callback");
    return json({ ok: true, recorded });
  } catch (err) {
    return toErrorResponse(err, requestId);
  }
}
