import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/http/errors";
import { jobEventsResponse, setEventStreamSettings } from "./event-stream";
import { JobEventHub, takeInOrder, type FetchEventsAfter, type Subscriber } from "./event-stream-hub";
import type { JobEventType } from "./schemas";
import { eventData, formatEvent, parseLastEventId, resumePoint, type StoredJobEvent } from "./sse";

const JOB = "0b6f3c1e-8a53-4c1b-9a43-2f1a7f0e5d11";
const OTHER = "7d0c9a4e-1111-4222-8333-944455556666";
const at = new Date("2026-11-26T10:00:00.123Z");

const ev = (sequence: number, eventType: JobEventType = "progress", jobId = JOB, payload: unknown = { percent: sequence }): StoredJobEvent => ({
  jobId,
  sequence,
  eventType,
  payload,
  createdAt: at,
});

function validationError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("VALIDATION_ERROR");
    return err as AppError;
  }
  throw new Error("expected a validation error");
}

describe("SSE wire format", () => {
  it("data carries the payload fields at top level plus job_id, sequence, event_type, created_at", () => {
    expect(eventData(ev(3, "scene_complete", JOB, { scene_id: "intro", percent: 40 }))).toEqual({
      scene_id: "intro",
      percent: 40,
      job_id: JOB,
      sequence: 3,
      event_type: "scene_complete",
      created_at: "2026-11-26T10:00:00.123Z",
    });
  });

  it("a payload cannot override the event's identity; a non-object payload is nested", () => {
    expect(eventData(ev(2, "progress", JOB, { job_id: "x", sequence: 99 }))).toMatchObject({ job_id: JOB, sequence: 2 });
    expect(eventData(ev(2, "progress", JOB, [1, 2]))).toMatchObject({ payload: [1, 2], sequence: 2 });
  });

  it("one frame: id <job>:<seq>, event, a single data line (newlines in values stay escaped)", () => {
    const frame = formatEvent(ev(7, "failed", JOB, { message: "line one\nline two\r\nthree" }));
    const lines = frame.split("\n");
    expect(lines.slice(0, 2)).toEqual([`id: ${JOB}:7`, "event: failed"]);
    expect(lines[2]).toMatch(/^data: \{.*\}$/);
    expect(lines.slice(3)).toEqual(["", ""]);
    expect(JSON.parse(lines[2]!.slice(6)).message).toBe("line one\nline two\r\nthree");
  });
});

describe("Last-Event-ID", () => {
  it("accepts <job_id>:<n> (any case) and a bare number", () => {
    expect(parseLastEventId(`${JOB}:5`, JOB, "h")).toBe(5);
    expect(parseLastEventId(`${JOB.toUpperCase()}:12`, JOB, "h")).toBe(12);
    expect(parseLastEventId(" 0 ", JOB, "h")).toBe(0);
    expect(parseLastEventId("42", JOB, "h")).toBe(42);
  });

  it("another job's id → 422 naming both jobs", () => {
    const err = validationError(() => parseLastEventId(`${OTHER}:3`, JOB, "headers.last-event-id"));
    expect(err.message).toMatch(/another job/);
    const [fe] = err.details!.errors as { path: string; message: string }[];
    expect(fe).toMatchObject({ path: "headers.last-event-id", value: `${OTHER}:3` });
    expect(fe!.message).toContain(OTHER);
    expect(fe!.message).toContain(JOB);
  });

  it.each(["abc", "-1", "1.5", `${JOB}:`, `${JOB}:x`, `${JOB}`, "1e3", "1234567890123456", `:3`, `${JOB}:3:4`])("malformed %j → 422", (raw) => {
    validationError(() => parseLastEventId(raw, JOB, "q"));
  });

  it("the header wins over the query; a blank header falls back to the query; neither → null", () => {
    expect(resumePoint(`${JOB}:4`, "2", JOB)).toEqual({ sequence: 4, where: "headers.last-event-id" });
    expect(resumePoint("  ", "2", JOB)).toEqual({ sequence: 2, where: "query.last_event_id" });
    expect(resumePoint(null, `${JOB}:9`, JOB)).toEqual({ sequence: 9, where: "query.last_event_id" });
    expect(resumePoint(null, undefined, JOB)).toBeNull();
    expect(resumePoint("", "", JOB)).toBeNull();
    validationError(() => resumePoint("nope", "2", JOB));
  });
});

describe("takeInOrder", () => {
  const sub = (lastSequence: number): Subscriber => ({ jobId: JOB, lastSequence, gapSince: null, onEvents: () => {} });
  const seqs = (events: StoredJobEvent[]) => events.map((e) => e.sequence);

  it("skips what the subscriber has, takes the contiguous rest", () => {
    const s = sub(2);
    expect(seqs(takeInOrder(s, [ev(1), ev(2), ev(3), ev(4)], 0, 1000))).toEqual([3, 4]);
    expect(s.lastSequence).toBe(4);
    expect(takeInOrder(s, [ev(3), ev(4)], 0, 1000)).toEqual([]);
  });

  it("holds back everything past a gap until it fills", () => {
    const s = sub(1);
    expect(seqs(takeInOrder(s, [ev(3), ev(4)], 0, 1000))).toEqual([]);
    expect(s.lastSequence).toBe(1);
    expect(seqs(takeInOrder(s, [ev(2), ev(3), ev(4)], 500, 1000))).toEqual([2, 3, 4]);
    expect(s.gapSince).toBeNull();
  });

  it("skips a gap that outlasts the grace period (liveness over a missing row)", () => {
    const s = sub(1);
    expect(takeInOrder(s, [ev(3)], 0, 1000)).toEqual([]);
    expect(takeInOrder(s, [ev(3)], 999, 1000)).toEqual([]);
    expect(seqs(takeInOrder(s, [ev(3), ev(4)], 1000, 1000))).toEqual([3, 4]);
  });
});

describe("JobEventHub", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A fake store: fetch returns the events after each cursor and records every call. */
  function store() {
    const events: StoredJobEvent[] = [];
    const calls: Map<string, number>[] = [];
    const fetch: FetchEventsAfter = async (cursors) => {
      calls.push(new Map(cursors));
      return events.filter((e) => cursors.has(e.jobId) && e.sequence > cursors.get(e.jobId)!);
    };
    return { events, calls, fetch, hub: new JobEventHub(fetch, () => ({ pollMs: 500, gapGraceMs: 5000 })) };
  }

  it("polls only while someone is subscribed, with ONE query for all jobs (lowest cursor per job)", async () => {
    const { calls, hub } = store();
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toHaveLength(0);
    const offs = [hub.subscribe(JOB, 3, () => {}), hub.subscribe(JOB, 1, () => {}), hub.subscribe(OTHER, 0, () => {})];
    for (let i = 0; i < 47; i++) offs.push(hub.subscribe(JOB, 5, () => {}));
    expect(hub.stats()).toMatchObject({ subscribers: 50, jobs: 2, polling: true });
    await vi.advanceTimersByTimeAsync(1500);
    expect(calls).toHaveLength(3);
    expect(calls[0]).toEqual(new Map([[JOB, 1], [OTHER, 0]]));
    expect(hub.stats().polls).toBe(3);
    for (const off of offs) off();
    expect(hub.stats()).toMatchObject({ subscribers: 0, jobs: 0, polling: false });
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toHaveLength(3);
  });

  it("wake(jobId) polls at once for a subscribed job, never for another; a wake during a poll polls again right after", async () => {
    const { events, calls, hub } = store();
    const got: number[] = [];
    hub.subscribe(JOB, 0, (es) => got.push(...es.map((e) => e.sequence)));
    hub.wake(OTHER);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(0);
    events.push(ev(1));
    hub.wake(JOB);
    hub.wake(JOB); // during the poll just started
    events.push(ev(2)); // committed after that poll read
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(2);
    expect(got).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toHaveLength(2); // back on the timer
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(3);
  });

  it("each subscriber gets each new event once, in order, whatever its cursor", async () => {
    const { events, hub } = store();
    const a: number[] = [];
    const b: number[] = [];
    hub.subscribe(JOB, 0, (es) => a.push(...es.map((e) => e.sequence)));
    hub.subscribe(JOB, 2, (es) => b.push(...es.map((e) => e.sequence)));
    events.push(ev(1), ev(2), ev(3));
    await vi.advanceTimersByTimeAsync(500);
    events.push(ev(4));
    await vi.advanceTimersByTimeAsync(1000);
    expect(a).toEqual([1, 2, 3, 4]);
    expect(b).toEqual([3, 4]);
  });

  it("delivers out-of-order rows in order (n+2 waits for n+1)", async () => {
    const delivered: number[] = [];
    let rows: StoredJobEvent[] = [ev(3), ev(2)];
    const hub = new JobEventHub(async () => rows, () => ({ pollMs: 100, gapGraceMs: 10_000 }));
    hub.subscribe(JOB, 0, (es) => delivered.push(...es.map((e) => e.sequence)));
    await vi.advanceTimersByTimeAsync(300);
    expect(delivered).toEqual([]);
    rows = [ev(3), ev(1), ev(2)];
    await vi.advanceTimersByTimeAsync(100);
    expect(delivered).toEqual([1, 2, 3]);
  });

  it("a failed poll is survived: polling goes on and delivers later", async () => {
    let fail = true;
    const delivered: number[] = [];
    const hub = new JobEventHub(
      async () => {
        if (fail) throw new Error("connection refused");
        return [ev(1)];
      },
      () => ({ pollMs: 500, gapGraceMs: 5000 }),
    );
    hub.subscribe(JOB, 0, (es) => delivered.push(...es.map((e) => e.sequence)));
    await vi.advanceTimersByTimeAsync(1500);
    expect(hub.stats().failedPolls).toBe(3);
    fail = false;
    await vi.advanceTimersByTimeAsync(500);
    expect(delivered).toEqual([1]);
  });

  it("polls never overlap, even when a subscriber joins during a slow poll", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const hub = new JobEventHub(
      async () => {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await new Promise((r) => setTimeout(r, 2000));
        inFlight--;
        return [];
      },
      () => ({ pollMs: 100, gapGraceMs: 5000 }),
    );
    hub.subscribe(JOB, 0, () => {});
    await vi.advanceTimersByTimeAsync(150);
    hub.subscribe(OTHER, 0, () => {});
    await vi.advanceTimersByTimeAsync(5000);
    expect(maxInFlight).toBe(1);
    expect(hub.stats().polls).toBe(3);
  });

  it("a throwing subscriber does not starve the others; unsubscribing inside onEvents is safe", async () => {
    const { events, hub } = store();
    const got: number[] = [];
    hub.subscribe(JOB, 0, () => {
      throw new Error("boom");
    });
    const off = hub.subscribe(JOB, 0, (es) => {
      got.push(...es.map((e) => e.sequence));
      off();
    });
    hub.subscribe(JOB, 0, (es) => got.push(...es.map((e) => e.sequence * 10)));
    events.push(ev(1));
    await vi.advanceTimersByTimeAsync(500);
    expect(got).toEqual([1, 10]);
    expect(hub.stats().subscribers).toBe(2);
  });
});

/** Parses SSE text into frames ({id, event, data} or comments / retry). */
function frames(text: string) {
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((block) => {
      const f: Record<string, string> = {};
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) f.comment = line.slice(1).trim();
        else {
          const i = line.indexOf(": ");
          f[line.slice(0, i)] = line.slice(i + 2);
        }
      }
      return f;
    });
}

describe("jobEventsResponse", () => {
  let restore: () => void;
  beforeEach(() => {
    vi.useFakeTimers();
    restore = setEventStreamSettings({ pollMs: 500, heartbeatMs: 1000, retryMs: 2000 });
  });
  afterEach(() => {
    restore();
    vi.useRealTimers();
  });

  function hubWith(rows: StoredJobEvent[]) {
    return new JobEventHub(async (cursors) => rows.filter((e) => e.sequence > (cursors.get(e.jobId) ?? Infinity)), () => ({ pollMs: 500, gapGraceMs: 5000 }));
  }

  it("retry hint, replay, live events, then closes after the terminal event and cleans up", async () => {
    const rows: StoredJobEvent[] = [];
    const hub = hubWith(rows);
    const res = jobEventsResponse({ jobId: JOB, replay: [ev(1, "queued"), ev(2, "started")], afterSequence: 0, jobTerminal: false, hub });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toContain("no-cache");
    expect(hub.stats().subscribers).toBe(1);
    const text = res.text();
    rows.push(ev(2, "started"), ev(3), ev(4, "completed"), ev(5));
    await vi.advanceTimersByTimeAsync(500);
    const out = frames(await text);
    expect(out[0]).toEqual({ retry: "2000" });
    expect(out.slice(1).map((f) => f.id)).toEqual([`${JOB}:1`, `${JOB}:2`, `${JOB}:3`, `${JOB}:4`]);
    expect(out.at(-1)!.event).toBe("completed");
    expect(hub.stats()).toMatchObject({ subscribers: 0, polling: false });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("sends `: ping` every heartbeatMs while idle", async () => {
    const hub = hubWith([]);
    const ac = new AbortController();
    const res = jobEventsResponse({ jobId: JOB, replay: [], afterSequence: 0, jobTerminal: false, hub, signal: ac.signal });
    const text = res.text();
    await vi.advanceTimersByTimeAsync(3500);
    ac.abort();
    const out = frames(await text);
    expect(out.filter((f) => f.comment === "ping")).toHaveLength(3);
  });

  it("client abort and body cancel both unsubscribe and clear every timer", async () => {
    const hub = hubWith([]);
    const ac = new AbortController();
    const one = jobEventsResponse({ jobId: JOB, replay: [], afterSequence: 0, jobTerminal: false, hub, signal: ac.signal });
    const two = jobEventsResponse({ jobId: JOB, replay: [], afterSequence: 0, jobTerminal: false, hub });
    expect(hub.stats().subscribers).toBe(2);
    ac.abort();
    await one.text();
    expect(hub.stats().subscribers).toBe(1);
    await two.body!.cancel();
    expect(hub.stats()).toMatchObject({ subscribers: 0, polling: false });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("an already aborted request never subscribes for long", async () => {
    const hub = hubWith([]);
    const res = jobEventsResponse({ jobId: JOB, replay: [], afterSequence: 0, jobTerminal: false, hub, signal: AbortSignal.abort() });
    await res.text();
    expect(hub.stats().subscribers).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("terminal job: replays and closes at once; with nothing to replay → 204 (EventSource stops)", async () => {
    const hub = hubWith([]);
    const res = jobEventsResponse({ jobId: JOB, replay: [ev(3), ev(4, "failed")], afterSequence: 2, jobTerminal: true, hub });
    expect(frames(await res.text()).map((f) => f.event ?? "retry")).toEqual(["retry", "progress", "failed"]);
    // The terminal event expired but the job is terminal: close after what is left.
    const partial = jobEventsResponse({ jobId: JOB, replay: [ev(3)], afterSequence: 2, jobTerminal: true, hub });
    expect(frames(await partial.text())).toHaveLength(2);
    const none = jobEventsResponse({ jobId: JOB, replay: [], afterSequence: 4, jobTerminal: true, hub });
    expect(none.status).toBe(204);
    expect(hub.stats().subscribers).toBe(0);
  });

  it("closes a client that stops reading once its backlog passes maxBacklogBytes", async () => {
    restore();
    restore = setEventStreamSettings({ heartbeatMs: 1000, maxBacklogBytes: 200 });
    const rows = Array.from({ length: 2000 }, (_, i) => ev(i + 1, "progress", JOB, { pad: "x".repeat(100) }));
    const hub = hubWith(rows);
    const res = jobEventsResponse({ jobId: JOB, replay: [], afterSequence: 0, jobTerminal: false, hub });
    await vi.advanceTimersByTimeAsync(500);
    expect(hub.stats().subscribers).toBe(0);
    const out = frames(await res.text());
    expect(out.length).toBeGreaterThan(1);
    expect(out.length).toBeLessThan(2001);
  });

  it("closes after maxDurationMs (the client resumes with Last-Event-ID)", async () => {
    restore();
    restore = setEventStreamSettings({ heartbeatMs: 60_000, maxDurationMs: 5000 });
    const hub = hubWith([]);
    const res = jobEventsResponse({ jobId: JOB, replay: [ev(1, "queued")], afterSequence: 0, jobTerminal: false, hub });
    await vi.advanceTimersByTimeAsync(5000);
    expect(frames(await res.text()).map((f) => f.id ?? "retry")).toEqual(["retry", `${JOB}:1`]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
