/**
 * SIGTERM's work, driven through beginShutdown (the handler instrumentation.ts installs calls it):
 * over real HTTP, an open job events stream gets a `retry:` hint and ends, an in-flight request
 * finishes before the database pool closes, /readyz turns 503, and the deadline bounds the wait.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { JobEventHub } from "@/lib/jobs/event-stream-hub";
import { jobEventsResponse } from "@/lib/jobs/event-stream";
import { readiness } from "@/lib/ops/health";
import { SHUTDOWN_RETRY_MS, beginShutdown, inFlightRequests, isShuttingDown, resetShutdownState, trackInFlightRequests } from "@/lib/ops/shutdown";

type Handler = (req: http.IncomingMessage) => Promise<Response>;

async function serve(handler: Handler) {
  const server = http.createServer(async (req, res) => {
    const r = await handler(req);
    res.writeHead(r.status, Object.fromEntries(r.headers));
    if (r.body) Readable.fromWeb(r.body as never).pipe(res);
    else res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

beforeAll(() => trackInFlightRequests());
afterEach(() => resetShutdownState());

describe("graceful shutdown", () => {
  it("ends event streams with a retry hint, waits for in-flight requests, then closes the pool", async () => {
    const hub = new JobEventHub(async () => [], () => ({ pollMs: 50, gapGraceMs: 1000 }));
    const slow = gate();
    const slowStarted = gate();
    const server = await serve(async (req) => {
      if (req.url === "/events") return jobEventsResponse({ jobId: crypto.randomUUID(), replay: [], afterSequence: 0, jobTerminal: false, hub });
      slowStarted.open();
      await slow.opened;
      return Response.json({ finished: true });
    });
    const pool = db();
    await pool.execute(sql`select 1`);

    const stream = await fetch(`${server.url}/events`);
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/^retry: \d+\n\n/);
    const slowResponse = fetch(`${server.url}/slow`).then((r) => r.json());
    await slowStarted.opened;
    expect(inFlightRequests()).toBeGreaterThanOrEqual(2);

    let closed = false;
    const shutdown = beginShutdown({ deadlineMs: 60_000 }).then(() => (closed = true));
    expect(isShuttingDown()).toBe(true);
    expect((await readiness()).status).toBe(503);

    // The stream: the shutdown hint, then its end.
    let rest = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      rest += new TextDecoder().decode(value);
    }
    expect(rest).toBe(`retry: ${SHUTDOWN_RETRY_MS}\n\n`);
    expect(hub.stats().subscribers).toBe(0);
    // The slow request still holds the pool open.
    expect(closed).toBe(false);
    slow.open();
    expect(await slowResponse).toEqual({ finished: true });
    await shutdown;
    expect(closed).toBe(true);
    await expect(pool.$client`select 1`).rejects.toThrow(/CONNECTION_ENDED|ended/i);
    await server.close();
  });

  it("stops waiting at the deadline (the signal handler then exits) and still closes the pool", async () => {
    const never = gate();
    const started = gate();
    const server = await serve(async () => {
      started.open();
      await never.opened;
      return new Response("late");
    });
    const pending = fetch(`${server.url}/hang`).catch(() => null);
    await started.opened;
    const pool = db();
    await pool.execute(sql`select 1`);
    let deadlineHit = false;
    await beginShutdown({ deadlineMs: 100, onDeadline: () => (deadlineHit = true) });
    expect(deadlineHit).toBe(true);
    await expect(pool.$client`select 1`).rejects.toThrow(/CONNECTION_ENDED|ended/i);
    never.open();
    await pending;
    await server.close();
  });
});
