import {
  JOB_EVENT_TYPES,
  TERMINAL_EVENTS,
  TERMINAL_STATUSES,
  type Job,
  type JobEvent,
  type JobEventType,
  type JobStatus,
  type ScenePreview,
} from "./types";

const STATUS_RANK: Record<JobStatus, number> = { queued: 0, processing: 1, completed: 2, failed: 2, canceled: 2 };

/**
 * Applies one stream event to a job. Replays (the stream starts from the first stored event) never
 * move a job backwards: a lower status or a lower percent than what we already show is ignored.
 */
export function applyEvent(job: Job, evt: JobEvent): Job {
  if (job.is_terminal) return job;
  const type = evt.event_type;
  const progress = job.progress ?? { phase: "queued" as const, percent: 0, scenes_completed: 0, scenes_total: 0 };
  const percentOk = typeof evt.percent === "number" && evt.percent >= progress.percent;
  const advance = (status: JobStatus): JobStatus => (STATUS_RANK[status] > STATUS_RANK[job.status] ? status : job.status);

  switch (type) {
    case "queued":
      return job;
    case "started":
      return { ...job, status: advance("processing"), started_at: job.started_at ?? evt.created_at };
    case "progress":
    case "scene_complete": {
      const next = { ...job, status: advance("processing"), started_at: job.started_at ?? evt.created_at };
      if (!percentOk) return next;
      return {
        ...next,
        progress: {
          phase: evt.phase ?? (type === "scene_complete" ? "generating" : progress.phase),
          percent: evt.percent ?? progress.percent,
          scenes_completed: evt.scenes_completed ?? progress.scenes_completed,
          scenes_total: evt.scenes_total ?? progress.scenes_total,
          current_scene: type === "progress" ? (evt.current_scene ?? null) : progress.current_scene,
        },
      };
    }
    case "completed":
      return {
        ...job,
        status: "completed",
        is_terminal: true,
        completed_at: job.completed_at ?? evt.created_at,
        progress: { ...progress, phase: "done", percent: 100, scenes_completed: progress.scenes_total || progress.scenes_completed },
        output: evt.output ? { ...(job.output ?? { duration: 0, resolution: "", size_bytes: 0 }), ...evt.output } : job.output,
      };
    case "failed":
    case "canceled": {
      const refunded = evt.credits_refunded ?? job.credits_refunded;
      return {
        ...job,
        status: type,
        is_terminal: true,
        completed_at: job.completed_at ?? evt.created_at,
        progress: { ...progress, percent: typeof evt.percent === "number" ? evt.percent : progress.percent },
        error: evt.error ?? job.error,
        failure_type: evt.failure_type ?? (type === "canceled" ? "canceled" : job.failure_type),
        canceled_by: evt.canceled_by ?? job.canceled_by,
        credits_refunded: refunded,
        net_credits: job.credits_charged - refunded,
      };
    }
    default:
      return job;
  }
}

export function mergePreviews(current: ScenePreview[], incoming: ScenePreview[] | undefined): ScenePreview[] {
  if (!incoming?.length) return current;
  const byId = new Map(current.map((p) => [p.scene_id, p]));
  for (const p of incoming) byId.set(p.scene_id, p); // fresher presigned URLs win
  return [...byId.values()];
}

export function isTerminalStatus(status: JobStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

export type Connection = "idle" | "connecting" | "live" | "reconnecting" | "polling";

/** Parses one MessageEvent from the stream; null if it isn't a job event. */
function parseEvent(type: string, data: string): JobEvent | null {
  try {
    const parsed = JSON.parse(data) as Partial<JobEvent>;
    const eventType = (parsed.event_type ?? type) as JobEventType;
    if (!JOB_EVENT_TYPES.includes(eventType)) return null;
    return { ...parsed, event_type: eventType, sequence: Number(parsed.sequence ?? 0) } as JobEvent;
  } catch {
    return null;
  }
}

export interface StreamHandlers {
  onEvent: (evt: JobEvent) => void;
  onConnection: (c: Connection) => void;
  /** The stream could not be (re)opened several times in a row: switch to polling. */
  onGiveUp: () => void;
}

const MAX_HARD_FAILURES = 4;

/**
 * Opens GET /v1/jobs/:id/events. The browser reconnects by itself (sending Last-Event-ID) when
 * the connection drops; when the server refuses the stream (non-200, e.g. 410 GONE for an expired
 * Last-Event-ID) we open a fresh one after a backoff, which replays from the start. The stream is
 * closed after the terminal event. Returns a function that closes everything.
 */
export function openJobStream(jobId: string, handlers: StreamHandlers): () => void {
  let es: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let closed = false;
  let lastSeq = 0;

  const close = () => {
    closed = true;
    clearTimeout(timer);
    es?.close();
    es = null;
  };

  const open = () => {
    if (closed) return;
    handlers.onConnection(failures ? "reconnecting" : "connecting");
    const source = new EventSource(`/v1/jobs/${encodeURIComponent(jobId)}/events`, { withCredentials: true });
    es = source;
    source.onopen = () => {
      failures = 0;
      handlers.onConnection("live");
    };
    const onMessage = (type: string) => (e: MessageEvent<string>) => {
      const evt = parseEvent(type, e.data);
      if (!evt) return;
      if (evt.sequence && evt.sequence <= lastSeq) return; // replayed after a fresh reconnect
      if (evt.sequence) lastSeq = evt.sequence;
      handlers.onEvent(evt);
      if (TERMINAL_EVENTS.has(evt.event_type)) {
        close();
        handlers.onConnection("idle");
      }
    };
    for (const type of JOB_EVENT_TYPES) source.addEventListener(type, onMessage(type) as EventListener);
    source.onmessage = onMessage("message");
    source.onerror = () => {
      if (closed) return;
      if (source.readyState === EventSource.CONNECTING) {
        handlers.onConnection("reconnecting"); // the browser retries with Last-Event-ID
        return;
      }
      // CLOSED: the server refused the stream. Retry from scratch with a backoff, then poll.
      source.close();
      failures += 1;
      if (failures >= MAX_HARD_FAILURES) {
        close();
        handlers.onGiveUp();
        return;
      }
      handlers.onConnection("reconnecting");
      timer = setTimeout(open, Math.min(1000 * 2 ** (failures - 1), 8000));
    };
  };

  open();
  return close;
}
