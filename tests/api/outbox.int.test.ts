import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { drainOutbox, enqueueEvent } from "@/lib/jobs/outbox";

/** Stands in for Inngest's event API: fails while `failing`, else answers as Inngest does. */
let failing = true;
const received: { id?: string; name: string; data?: unknown }[] = [];
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    if (failing) return void res.writeHead(500).end("{}");
    const events = JSON.parse(body) as { id?: string; name: string; data?: unknown }[];
    received.push(...events);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: events.map((_, i) => `e${i}`), status: 200 }));
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  // Before the first inngest() call, which creates the client from the environment.
  process.env.INNGEST_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

describe("outbox → Inngest", () => {
  it("a failed send leaves the row pending with a backoff; a later drain sends it once, with the row's event id", async () => {
    await db().transaction((tx) => enqueueEvent(tx, "framecast/job.canceled", { job_id: "j-1" }));
    await drainOutbox();
    const [pending] = await db().execute<{ attempts: number; sent_at: Date | null; last_error: string | null; due_later: boolean; event_id: string }>(
      sql`select attempts, sent_at, last_error, available_at > now() as due_later, event_id from outbox where payload->>'job_id' = 'j-1'`,
    );
    expect(pending).toMatchObject({ attempts: 1, sent_at: null, due_later: true });
    expect(pending!.last_error).toBeTruthy();

    failing = false;
    const mine = () => received.filter((e) => e.id === pending!.event_id);
    await drainOutbox(); // backing off: not due yet
    expect(mine()).toEqual([]);
    await db().execute(sql`update outbox set available_at = now() where payload->>'job_id' = 'j-1'`);
    await drainOutbox();
    await drainOutbox();
    expect(mine()).toEqual([expect.objectContaining({ name: "framecast/job.canceled", data: { job_id: "j-1" } })]);
    const [sent] = await db().execute<{ sent_at: Date | null; last_error: string | null }>(
      sql`select sent_at, last_error from outbox where payload->>'job_id' = 'j-1'`,
    );
    expect(sent!.sent_at).not.toBeNull();
    expect(sent!.last_error).toBeNull();
  });
});
