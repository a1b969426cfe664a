/**
 * Wire format of the job events stream (spec part 2 §4) and its resume point: pure functions, no I/O.
 */
import { z } from "zod";
import { AppError } from "@/lib/http/errors";
import type { JobEventType } from "./schemas";

/** One stored row of job_events, as the stream reads it. */
export interface StoredJobEvent {
  jobId: string;
  sequence: number;
  eventType: JobEventType;
  payload: unknown;
  createdAt: Date;
}

/** `?last_event_id=` for clients that cannot set the Last-Event-ID header. */
export const jobEventsQuery = z.object({ last_event_id: z.string().max(200).optional() }).strict();

/** The `data:` object: the stored payload's fields at top level, plus the event's identity. */
export function eventData(e: StoredJobEvent): Record<string, unknown> {
  const payload = e.payload !== null && typeof e.payload === "object" && !Array.isArray(e.payload) ? e.payload : { payload: e.payload };
  return {
    ...payload,
    job_id: e.jobId,
    sequence: e.sequence,
    event_type: e.eventType,
    created_at: e.createdAt.toISOString(),
  };
}

/** One SSE frame. JSON.stringify escapes newlines, so `data:` is always a single line. */
export function formatEvent(e: StoredJobEvent): string {
  return `id: ${e.jobId}:${e.sequence}\nevent: ${e.eventType}\ndata: ${JSON.stringify(eventData(e))}\n\n`;
}

export const formatRetry = (ms: number) => `retry: ${ms}\n\n`;
export const HEARTBEAT_FRAME = ": ping\n\n";

const LAST_EVENT_ID = /^(?:([0-9a-fA-F-]{36}):)?([0-9]{1,15})$/;

/**
 * The sequence a client has already seen, from `<job_id>:<n>` or a bare `<n>`. Another job's id or
 * anything malformed → 422 (`where` names the header or query field in the error).
 */
export function parseLastEventId(raw: string, jobId: string, where: string): number {
  const value = raw.trim();
  const match = LAST_EVENT_ID.exec(value);
  if (!match) {
    throw AppError.validation(
      [{ path: where, message: "Must be <job_id>:<sequence> (as sent in the event's id) or a sequence number.", value: raw }],
      "The Last-Event-ID is malformed.",
    );
  }
  if (match[1] && match[1].toLowerCase() !== jobId.toLowerCase()) {
    throw AppError.validation(
      [{ path: where, message: `This id belongs to job ${match[1]}, not to job ${jobId}.`, value: raw }],
      "The Last-Event-ID belongs to another job's stream.",
    );
  }
  return Number(match[2]);
}

export interface ResumePoint {
  /** The last sequence the client has seen. */
  sequence: number;
  /** Where it came from, for error paths. */
  where: string;
}

/**
 * Where to resume: the header wins (EventSource sends it on every reconnect, while its URL still
 * carries the original query), then the query; null when neither is given (replay everything).
 */
export function resumePoint(header: string | null, query: string | undefined, jobId: string): ResumePoint | null {
  for (const [raw, where] of [
    [header, "headers.last-event-id"],
    [query, "query.last_event_id"],
  ] as const) {
    if (raw != null && raw.trim() !== "") return { sequence: parseLastEventId(raw, jobId, where), where };
  }
  return null;
}
