/**
 * GET /v1/jobs/:id/events (spec part 2 §4): replay the stored events (after Last-Event-ID), then
 * stream new ones from the process-wide hub, with heartbeats, until the terminal event.
 * An idle stream holds no database connection: only the hub's poll touches the pool.
 */
import { and, asc, eq, gt, max, min, sql } from "drizzle-orm";
import { jobEvents } from "@/drizzle/schema";
import type { Principal } from "@/lib/auth/principal";
import { db as defaultDb, type DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { log } from "@/lib/log";
import { SHUTDOWN_RETRY_MS, onShutdown } from "@/lib/ops/shutdown";
import { loadVisibleJob } from "./access";
import { JobEventHub, type HubTiming } from "./event-stream-hub";
import { startJobEventWake } from "./event-wake";
import { TERMINAL_EVENTS } from "./schemas";
import { HEARTBEAT_FRAME, formatEvent, formatRetry, resumePoint, type StoredJobEvent } from "./sse";
import { isTerminal, type JobStatus } from "./state";

export interface EventStreamSettings extends HubTiming {
  /** A `: ping` comment this often (the spec asks for at least every 15 s). */
  heartbeatMs: number;
  /** The `retry:` hint: how long EventSource waits before reconnecting. */
  retryMs: number;
  /** A client this far behind (bytes queued) is closed; it resumes with Last-Event-ID. */
  maxBacklogBytes: number;
  /** Streams are closed after this long (clients resume with Last-Event-ID; access is re-checked). */
  maxDurationMs: number;
  /** Rows per job per poll (the rest comes with the next poll). */
  perJobPollLimit: number;
}

export const EVENT_STREAM_DEFAULTS: Readonly<EventStreamSettings> = Object.freeze({
  pollMs: 500,
  gapGraceMs: 10_000,
  heartbeatMs: 10_000,
  retryMs: 2_000,
  maxBacklogBytes: 1024 * 1024,
  maxDurationMs: 30 * 60_000,
  perJobPollLimit: 500,
});

let settings: EventStreamSettings = { ...EVENT_STREAM_DEFAULTS };

export const eventStreamSettings = (): Readonly<EventStreamSettings> => settings;

/** For tests (shorter heartbeats and polls): applies `patch`; returns a function that undoes it. */
export function setEventStreamSettings(patch: Partial<EventStreamSettings>): () => void {
  const previous = settings;
  settings = { ...settings, ...patch };
  return () => {
    settings = previous;
  };
}

const eventColumns = {
  jobId: jobEvents.jobId,
  sequence: jobEvents.sequence,
  eventType: jobEvents.eventType,
  payload: jobEvents.payload,
  createdAt: jobEvents.createdAt,
};

/**
 * The stored events after `after` (all when null), in order. 410 GONE when the events right after
 * `after` have expired (retention deletes the oldest first); 422 when `after` is past the last one.
 */
export async function loadReplay(db: DbOrTx, jobId: string, after: number | null, where = "Last-Event-ID"): Promise<StoredJobEvent[]> {
  if (after !== null && after > 0) {
    const [bounds] = await db
      .select({ first: min(jobEvents.sequence), last: max(jobEvents.sequence) })
      .from(jobEvents)
      .where(eq(jobEvents.jobId, jobId));
    const first = bounds?.first ?? null;
    const last = bounds?.last ?? null;
    if (first === null || first > after + 1) {
      throw new AppError(
        "GONE",
        `Events after sequence ${after} of this job are no longer kept (events are kept 7 days). ` +
          "Reconnect without Last-Event-ID to replay what is left, or read GET /v1/jobs/:id for the current state.",
        { last_event_id: after, oldest_sequence: first },
      );
    }
    if (last !== null && after > last) {
      throw AppError.validation(
        [{ path: where, message: `This job's last event has sequence ${last}.`, value: after, limit: last }],
        "The Last-Event-ID is ahead of this job's events.",
      );
    }
  }
  return db
    .select(eventColumns)
    .from(jobEvents)
    .where(and(eq(jobEvents.jobId, jobId), gt(jobEvents.sequence, after ?? 0)))
    .orderBy(asc(jobEvents.sequence));
}

/**
 * The hub's one query: for every subscribed job, its events after the cursor (an index range
 * scan on (job_id, sequence) per job), at most `perJobLimit` each.
 */
export async function fetchEventsAfter(db: DbOrTx, cursors: ReadonlyMap<string, number>, perJobLimit: number): Promise<StoredJobEvent[]> {
  if (cursors.size === 0) return [];
  const rows = JSON.stringify([...cursors].map(([job_id, after]) => ({ job_id, after })));
  const e = db
    .select(eventColumns)
    .from(jobEvents)
    .where(and(eq(jobEvents.jobId, sql`c.job_id`), gt(jobEvents.sequence, sql`c.after`)))
    .orderBy(asc(jobEvents.sequence))
    .limit(perJobLimit)
    .as("e");
  return db
    .select({ jobId: e.jobId, sequence: e.sequence, eventType: e.eventType, payload: e.payload, createdAt: e.createdAt })
    .from(sql`jsonb_to_recordset(${rows}::jsonb) as c(job_id uuid, after bigint)`)
    .crossJoinLateral(e);
}

const globalForHub = globalThis as unknown as { framecastJobEventHub?: JobEventHub };

/**
 * The process-wide hub (kept across Next dev hot reloads). Each poll borrows a pooled connection;
 * on PostgreSQL a NOTIFY per new event wakes it (lib/jobs/event-wake.ts).
 */
export function jobEventHub(): JobEventHub {
  if (!globalForHub.framecastJobEventHub) {
    const hub = new JobEventHub((cursors) => fetchEventsAfter(defaultDb(), cursors, settings.perJobPollLimit), () => settings);
    globalForHub.framecastJobEventHub = hub;
    startJobEventWake(defaultDb(), hub);
  }
  return globalForHub.framecastJobEventHub;
}

export interface StreamInput {
  jobId: string;
  /** Events to send first, in order. */
  replay: StoredJobEvent[];
  /** The last sequence the client already has (0 for none). */
  afterSequence: number;
  /** The job was terminal when the stream opened: after the replay nothing more will come. */
  jobTerminal: boolean;
  /** Aborts when the client goes away. */
  signal?: AbortSignal;
  hub?: JobEventHub;
}

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
};

/**
 * The SSE response. A terminal job with nothing left to send gets 204, which tells EventSource to
 * stop reconnecting (a 200 that closes at once would make it reconnect every `retry` ms forever).
 */
export function jobEventsResponse(input: StreamInput): Response {
  if (input.jobTerminal && input.replay.length === 0) return new Response(null, { status: 204 });
  const s = settings;
  const hub = input.hub ?? jobEventHub();
  const encoder = new TextEncoder();
  let stop: (reason: string) => void = () => {};

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false;
        let lastSequence = input.afterSequence;
        let unsubscribe: (() => void) | null = null;
        let heartbeat: ReturnType<typeof setInterval> | null = null;
        let deadline: ReturnType<typeof setTimeout> | null = null;
        let offShutdown: (() => void) | null = null;
        const onAbort = () => stop("client disconnected");

        stop = (reason) => {
          if (closed) return;
          closed = true;
          unsubscribe?.();
          offShutdown?.();
          if (heartbeat) clearInterval(heartbeat);
          if (deadline) clearTimeout(deadline);
          input.signal?.removeEventListener("abort", onAbort);
          try {
            controller.close();
          } catch {
            // already closed or canceled by the consumer
          }
          log.debug({ job_id: input.jobId, last_sequence: lastSequence, reason }, "job events stream closed");
        };
        const write = (frame: string) => {
          if (closed) return;
          try {
            controller.enqueue(encoder.encode(frame));
          } catch {
            return stop("stream gone"); // never throw out of a timer or the hub
          }
          if ((controller.desiredSize ?? 0) < -s.maxBacklogBytes) stop("client too slow");
        };
        /** Sends events in order; closes after a terminal one. */
        const send = (events: StoredJobEvent[]) => {
          for (const e of events) {
            if (closed || e.sequence <= lastSequence) continue;
            write(formatEvent(e));
            lastSequence = e.sequence;
            if (TERMINAL_EVENTS.has(e.eventType)) stop("terminal event sent");
          }
        };

        write(formatRetry(s.retryMs));
        send(input.replay);
        if (closed) return;
        if (input.jobTerminal) return stop("job already terminal");
        unsubscribe = hub.subscribe(input.jobId, lastSequence, send);
        heartbeat = setInterval(() => write(HEARTBEAT_FRAME), s.heartbeatMs);
        heartbeat.unref?.();
        deadline = setTimeout(() => stop("max duration reached"), s.maxDurationMs);
        deadline.unref?.();
        // SIGTERM: a short retry hint, then the end; the client resumes (Last-Event-ID) on another instance.
        offShutdown = onShutdown(() => {
          write(formatRetry(SHUTDOWN_RETRY_MS));
          stop("server shutting down");
        });
        if (input.signal?.aborted) return stop("client disconnected");
        input.signal?.addEventListener("abort", onAbort, { once: true });
      },
      cancel() {
        stop("stream canceled");
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}

export interface OpenOptions {
  /** The Last-Event-ID header, if any. */
  lastEventId: string | null;
  /** `?last_event_id=`, if any. */
  queryLastEventId?: string;
  signal?: AbortSignal;
}

/** Everything that can fail (404, 410, 422) fails here, before the stream starts. */
export async function openJobEventStream(db: DbOrTx, principal: Principal, jobId: string, opts: OpenOptions): Promise<Response> {
  const job = await loadVisibleJob(db, principal, jobId);
  const resume = resumePoint(opts.lastEventId, opts.queryLastEventId, job.id);
  const replay = await loadReplay(db, job.id, resume?.sequence ?? null, resume?.where);
  return jobEventsResponse({
    jobId: job.id,
    replay,
    afterSequence: resume?.sequence ?? 0,
    jobTerminal: isTerminal(job.status as JobStatus),
    signal: opts.signal,
  });
}
