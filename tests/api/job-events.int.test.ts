/**
 * GET /v1/jobs/:id/events (spec part 2 §4) against real PostgreSQL: replay, Last-Event-ID (header
 * and query), 410 after expiry, access rules, live delivery through the hub, heartbeats, and that
 * idle streams hold no database connection and clean up on disconnect.
 */
import { and, eq, lte, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as events from "@/app/v1/jobs/[id]/events/route";
import * as keys from "@/app/v1/auth/keys/route";
import { jobEvents, jobs } from "@/drizzle/schema";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { eventStreamSettings, jobEventHub, setEventStreamSettings } from "@/lib/jobs/event-stream";
import type { JobEventType } from "@/lib/jobs/schemas";
import type { JobStatus } from "@/lib/jobs/state";
import { userUrn } from "@/lib/urn";
import { starter } from "../helpers/fixtures";
import { call } from "../helpers/http";

type Frame = { id?: string; event?: string; data?: string; retry?: string; comment?: string };

/** Reads SSE frames off a streaming Response as they arrive. */
class SseReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private buffer = "";
  done = false;

  constructor(
    readonly res: Response,
    private readonly abort: AbortController,
  ) {
    this.reader = res.body!.getReader();
  }

  /** The next frame (comments included), or null once the stream has closed. */
  async nextFrame(timeoutMs = 5000): Promise<Frame | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.buffer.indexOf("\n\n");
      if (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const f: Frame = {};
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) f.comment = line.slice(1).trim();
          else {
            const i = line.indexOf(": ");
            (f as Record<string, string>)[line.slice(0, i)] = line.slice(i + 2);
          }
        }
        return f;
      }
      if (this.done) return null;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no SSE frame within ${timeoutMs} ms; buffered: ${JSON.stringify(this.buffer)}`);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const chunk = await Promise.race([
        this.reader.read(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no SSE data within ${timeoutMs} ms`)), left))),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) this.done = true;
      else this.buffer += this.decoder.decode(chunk.value, { stream: true });
    }
  }

  /** The next event frame, skipping comments and the retry hint. */
  async nextEvent(timeoutMs = 5000): Promise<Frame | null> {
    for (;;) {
      const f = await this.nextFrame(timeoutMs);
      if (f === null || f.event) return f;
    }
  }

  /** Every remaining event until the stream closes. */
  async rest(timeoutMs = 5000): Promise<Frame[]> {
    const out: Frame[] = [];
    for (let f = await this.nextEvent(timeoutMs); f; f = await this.nextEvent(timeoutMs)) out.push(f);
    return out;
  }

  /** The client goes away: Next aborts request.signal. */
  disconnect() {
    this.abort.abort();
  }

  /** The consumer cancels the body (as Next does when the socket closes mid-pipe). */
  async cancel() {
    await this.reader.cancel();
  }
}

interface OpenOptions {
  headers?: Record<string, string>;
  query?: string;
}

async function open(token: string, jobId: string, opts: OpenOptions = {}) {
  const abort = new AbortController();
  const headers = new Headers(opts.headers);
  headers.set("authorization", `Bearer ${token}`);
  const url = new URL(`/v1/jobs/${jobId}/events${opts.query ?? ""}`, "http://localhost:3000");
  const res = await events.GET(new NextRequest(url, { headers, signal: abort.signal }), { params: Promise.resolve({ id: jobId }) });
  return { res, abort };
}

/** Opens a stream that must start (200, text/event-stream). */
async function stream(token: string, jobId: string, opts: OpenOptions = {}) {
  const { res, abort } = await open(token, jobId, opts);
  if (res.status !== 200) throw new Error(`expected a stream, got ${res.status} ${await res.text()}`);
  return new SseReader(res, abort);
}

/** Opens a request that must fail before streaming; returns status and JSON body. */
async function refused(token: string, jobId: string, opts: OpenOptions = {}) {
  const { res } = await open(token, jobId, opts);
  return { status: res.status, json: await res.json(), type: res.headers.get("content-type") };
}

async function insertJob(userId: string, status: JobStatus = "processing") {
  const created = new Date(Date.now() - 60_000);
  const now = new Date(Date.now() - 30_000);
  const terminal = status === "completed" || status === "failed" || status === "canceled";
  const [row] = await db()
    .insert(jobs)
    .values({
      owner: userUrn(userId),
      triggeredBy: userId,
      specSnapshot: {},
      status,
      createdAt: created,
      startedAt: status === "queued" ? null : now,
      completedAt: terminal ? now : null,
      output: status === "completed" ? { video_key: "v.mp4" } : null,
      error: status === "failed" ? { message: "boom" } : null,
      failureType: status === "failed" ? "system" : status === "canceled" ? "canceled" : null,
    })
    .returning({ id: jobs.id });
  return row!.id;
}

/** Appends events (sequences continue gap-free from what is stored). */
async function addEvents(jobId: string, ...types: JobEventType[]) {
  const [{ last }] = await db()
    .select({ last: sql<number>`coalesce(max(${jobEvents.sequence}), 0)::int` })
    .from(jobEvents)
    .where(eq(jobEvents.jobId, jobId)) as [{ last: number }];
  for (const [i, eventType] of types.entries()) {
    await db()
      .insert(jobEvents)
      .values({ jobId, sequence: last + i + 1, eventType, payload: { percent: (last + i + 1) * 10, phase: eventType } });
  }
}

const seqs = (frames: Frame[]) => frames.map((f) => Number(f.id!.split(":")[1]));
const waitFor = async (check: () => boolean | Promise<boolean>, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
};
const hub = () => jobEventHub().stats();

let restore: () => void;
beforeAll(() => {
  restore = setEventStreamSettings({ pollMs: 100, heartbeatMs: 60_000 });
});
afterAll(async () => {
  await waitFor(() => hub().subscribers === 0 && !hub().polling);
  restore();
});

describe("GET /v1/jobs/:id/events (spec part 2 §4)", () => {
  it("replays every stored event in order with the spec's frame format, then closes after the terminal event", async () => {
    const s = await starter();
    const jobId = await insertJob(s.sub, "completed");
    await addEvents(jobId, "queued", "started", "progress", "completed");
    const r = await stream(s.token, jobId);
    expect(r.res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(r.res.headers.get("cache-control")).toContain("no-cache");
    expect(r.res.headers.get("x-request-id")).toBeTruthy();
    expect(await r.nextFrame()).toEqual({ retry: "2000" });
    const frames = await r.rest();
    expect(frames.map((f) => [f.id, f.event])).toEqual([
      [`${jobId}:1`, "queued"],
      [`${jobId}:2`, "started"],
      [`${jobId}:3`, "progress"],
      [`${jobId}:4`, "completed"],
    ]);
    const data = JSON.parse(frames[2]!.data!);
    expect(data).toEqual({ percent: 30, phase: "progress", job_id: jobId, sequence: 3, event_type: "progress", created_at: expect.any(String) });
    expect(new Date(data.created_at).toISOString()).toBe(data.created_at);
    expect(hub().subscribers).toBe(0);
  });

  it("Last-Event-ID (header, query, bare number) replays only later events; the header wins over the query", async () => {
    const s = await starter();
    const jobId = await insertJob(s.sub, "completed");
    await addEvents(jobId, "queued", "started", "progress", "completed");
    expect(seqs(await (await stream(s.token, jobId, { headers: { "last-event-id": `${jobId}:2` } })).rest())).toEqual([3, 4]);
    expect(seqs(await (await stream(s.token, jobId, { query: `?last_event_id=${jobId}:1` })).rest())).toEqual([2, 3, 4]);
    expect(seqs(await (await stream(s.token, jobId, { headers: { "last-event-id": "3" } })).rest())).toEqual([4]);
    expect(seqs(await (await stream(s.token, jobId, { query: "?last_event_id=0" })).rest())).toEqual([1, 2, 3, 4]);
    const both = await stream(s.token, jobId, { headers: { "last-event-id": `${jobId}:3` }, query: "?last_event_id=1" });
    expect(seqs(await both.rest())).toEqual([4]);
  });

  it("a terminal job with nothing newer → 204 (EventSource stops reconnecting)", async () => {
    const s = await starter();
    const jobId = await insertJob(s.sub, "canceled");
    await addEvents(jobId, "queued", "canceled");
    const { res } = await open(s.token, jobId, { headers: { "last-event-id": `${jobId}:2` } });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
  });

  it("410 GONE when the events after Last-Event-ID have expired; resuming right before the oldest kept one works", async () => {
    const s = await starter();
    const jobId = await insertJob(s.sub, "processing");
    await addEvents(jobId, "queued", "started", "progress", "progress", "progress");
    await db().delete(jobEvents).where(and(eq(jobEvents.jobId, jobId), lte(jobEvents.sequence, 2)));

    const gone = await refused(s.token, jobId, { headers: { "last-event-id": `${jobId}:1` } });
    expect(gone.status).toBe(410);
    expect(gone.type).toContain("application/json");
    expect(gone.json.error).toMatchObject({ code: "GONE", details: { last_event_id: 1, oldest_sequence: 3 } });
    expect((await refused(s.token, jobId, { query: "?last_event_id=1" })).status).toBe(410);

    const resumed = await stream(s.token, jobId, { headers: { "last-event-id": `${jobId}:2` } });
    expect(seqs([(await resumed.nextEvent())!, (await resumed.nextEvent())!, (await resumed.nextEvent())!])).toEqual([3, 4, 5]);
    resumed.disconnect();
    const all = await stream(s.token, jobId);
    expect(seqs([(await all.nextEvent())!])).toEqual([3]);
    all.disconnect();

    // Every event expired: nothing to resume from.
    await db().delete(jobEvents).where(eq(jobEvents.jobId, jobId));
    expect((await refused(s.token, jobId, { headers: { "last-event-id": "5" } })).status).toBe(410);
    await waitFor(() => hub().subscribers === 0);
  });

  it("422 for another job's id, a malformed id, or one past the last event", async () => {
    const s = await starter();
    const jobId = await insertJob(s.sub, "processing");
    const other = await insertJob(s.sub, "processing");
    await addEvents(jobId, "queued", "started");

    const foreign = await refused(s.token, jobId, { headers: { "last-event-id": `${other}:1` } });
    expect(foreign.status).toBe(422);
    expect(foreign.json.error.code).toBe("VALIDATION_ERROR");
    expect(foreign.json.error.message).toMatch(/another job/);
    expect(foreign.json.error.details.errors[0]).toMatchObject({ path: "headers.last-event-id", value: `${other}:1` });

    for (const bad of ["abc", "-1", `${jobId}:x`]) {
      const res = await refused(s.token, jobId, { query: `?last_event_id=${encodeURIComponent(bad)}` });
      expect(res.status, bad).toBe(422);
      expect(res.json.error.details.errors[0].path).toBe("query.last_event_id");
    }
    const ahead = await refused(s.token, jobId, { headers: { "last-event-id": `${jobId}:9` } });
    expect(ahead.status).toBe(422);
    expect(ahead.json.error.details.errors[0]).toMatchObject({ path: "headers.last-event-id", limit: 2 });

    const unknownQuery = await refused(s.token, jobId, { query: "?since=3" });
    expect(unknownQuery.status).toBe(422);
    expect(hub().subscribers).toBe(0);
  });

  it("401 without credentials; 404 for someone else's job, an unknown job or a non-uuid id; 403 without jobs:read", async () => {
    const owner = await starter();
    const stranger = await starter();
    const jobId = await insertJob(owner.sub);
    await addEvents(jobId, "queued");

    const anon = await events.GET(new NextRequest(new URL(`/v1/jobs/${jobId}/events`, "http://localhost:3000")), {
      params: Promise.resolve({ id: jobId }),
    });
    expect(anon.status).toBe(401);
    expect((await anon.json()).error.code).toBe("UNAUTHORIZED");

    const hidden = await refused(stranger.token, jobId);
    expect(hidden.status).toBe(404);
    expect(hidden.json.error.code).toBe("NOT_FOUND");
    expect((await refused(owner.token, "4f1c1b55-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await refused(owner.token, "not-a-uuid")).status).toBe(404);

    const genOnly = await call(keys.POST, { method: "POST", token: owner.token, body: { name: "gen", scopes: ["generate"] } });
    const reader = await call(keys.POST, { method: "POST", token: owner.token, body: { name: "read", scopes: ["jobs:read"] } });
    const denied = await refused(genOnly.json.raw_key, jobId);
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe("FORBIDDEN");
    const allowed = await stream(reader.json.raw_key, jobId);
    expect((await allowed.nextEvent())!.event).toBe("queued");
    allowed.disconnect();
    await waitFor(() => hub().subscribers === 0);
  });

  it("streams events stored after connect, in order and once each, and closes after `completed`", async () => {
    const s = await starter();
    const jobId = await insertJob(s.sub, "processing");
    await addEvents(jobId, "queued", "started");
    const r = await stream(s.token, jobId);
    expect(seqs([(await r.nextEvent())!, (await r.nextEvent())!])).toEqual([1, 2]);
    expect(hub().subscribers).toBe(1);

    await addEvents(jobId, "progress");
    const third = await r.nextEvent();
    expect(third).toMatchObject({ id: `${jobId}:3`, event: "progress" });
    const live = JSON.parse(third!.data!);
    expect(live).toMatchObject({ percent: 30, phase: "progress", job_id: jobId, sequence: 3, event_type: "progress" });
    expect(new Date(live.created_at).toISOString()).toBe(live.created_at);
    await addEvents(jobId, "scene_complete", "progress");
    await new Promise((res) => setTimeout(res, 150));
    await addEvents(jobId, "completed");
    const rest = await r.rest();
    expect(seqs(rest)).toEqual([4, 5, 6]);
    expect(rest.at(-1)!.event).toBe("completed");
    expect(r.done).toBe(true);
    await waitFor(() => hub().subscribers === 0 && !hub().polling);
  });

  it("sends a `: ping` heartbeat while idle (interval from the settings)", async () => {
    const undo = setEventStreamSettings({ heartbeatMs: 150 });
    try {
      const s = await starter();
      const jobId = await insertJob(s.sub, "queued");
      const r = await stream(s.token, jobId);
      expect(await r.nextFrame()).toEqual({ retry: "2000" });
      const started = Date.now();
      expect(await r.nextFrame(2000)).toEqual({ comment: "ping" });
      expect(await r.nextFrame(2000)).toEqual({ comment: "ping" });
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      r.disconnect();
    } finally {
      undo();
    }
    await waitFor(() => hub().subscribers === 0);
  });

  it("50 idle subscribers share one poll query and hold no database connection", async () => {
    const pollMs = eventStreamSettings().pollMs;
    const connections = async () => {
      const [row] = await db().execute<{ total: number; in_tx: number }>(sql`
        select count(*)::int as total, count(*) filter (where state like 'idle in transaction%')::int as in_tx
        from pg_stat_activity where datname = current_database()`);
      return row!;
    };
    const users = await Promise.all(Array.from({ length: 5 }, () => starter()));
    const jobIds: string[] = [];
    for (const u of users) {
      for (let j = 0; j < 2; j++) {
        const id = await insertJob(u.sub, "processing");
        await addEvents(id, "queued");
        jobIds.push(id);
      }
    }
    const readers: SseReader[] = [];
    for (const [i, u] of users.entries()) {
      for (let k = 0; k < 10; k++) readers.push(await stream(u.token, jobIds[i * 2 + (k % 2)]!));
    }
    await Promise.all(readers.map((r) => r.nextEvent()));
    expect(hub()).toMatchObject({ subscribers: 50, jobs: 10, polling: true });

    const pollsBefore = hub().polls;
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 1500));
    const polls = hub().polls - pollsBefore;
    const elapsed = Date.now() - started;
    // One query per tick for all 50 (not 50 per tick).
    expect(polls).toBeGreaterThanOrEqual(1);
    expect(polls).toBeLessThanOrEqual(Math.ceil(elapsed / pollMs) + 1);
    const conn = await connections();
    expect(conn.total).toBeLessThanOrEqual(config().DATABASE_POOL_MAX);
    expect(conn.in_tx).toBe(0);

    // A new event reaches every subscriber of its job, and only them.
    for (const id of jobIds) await addEvents(id, "started");
    const next = await Promise.all(readers.map((r) => r.nextEvent()));
    expect(next.every((f) => f!.event === "started" && f!.id!.endsWith(":2"))).toBe(true);
    expect(next.map((f) => f!.id!.split(":")[0])).toEqual(readers.map((_, n) => jobIds[Math.floor(n / 10) * 2 + ((n % 10) % 2)]));
    expect((await connections()).total).toBeLessThanOrEqual(config().DATABASE_POOL_MAX);

    for (const r of readers) r.disconnect();
    await waitFor(() => hub().subscribers === 0 && hub().jobs === 0 && !hub().polling);
    const after = hub().polls;
    await new Promise((r) => setTimeout(r, pollMs * 3));
    expect(hub().polls).toBe(after);
  });

  it("disconnect (request abort or body cancel) removes the subscriber and stops polling", async () => {
    const s = await starter();
    const jobId = await insertJob(s.sub, "processing");
    await addEvents(jobId, "queued");
    const a = await stream(s.token, jobId);
    const b = await stream(s.token, jobId);
    await a.nextEvent();
    await b.nextEvent();
    expect(hub().subscribers).toBe(2);
    a.disconnect();
    await waitFor(() => hub().subscribers === 1);
    expect(await a.nextFrame()).toBeNull();
    await b.cancel();
    await waitFor(() => hub().subscribers === 0 && !hub().polling);
  });

  it("keeps polling through a database error once streaming", async () => {
    const s = await starter();
    const jobId = await insertJob(s.sub, "processing");
    await addEvents(jobId, "queued");
    const r = await stream(s.token, jobId);
    await r.nextEvent();
    const failedBefore = hub().failedPolls;
    // A job id that is not a uuid makes the poll's cast fail; the real subscriber must not notice.
    const off = jobEventHub().subscribe("not-a-uuid", 0, () => {});
    await waitFor(() => hub().failedPolls > failedBefore);
    off();
    await addEvents(jobId, "completed");
    expect(await r.nextEvent()).toMatchObject({ id: `${jobId}:2`, event: "completed" });
    expect(await r.nextEvent()).toBeNull();
  });
});
