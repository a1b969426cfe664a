/**
 * The job event hub is woken by PostgreSQL: a new job event NOTIFYs (trigger job_events_notify) and
 * the hub's LISTEN connection reads it at once — with the poll timer set to an hour, only the wake
 * can deliver it. On the embedded PGlite (no LISTEN) no listener starts and the timer delivers.
 */
import { afterAll, describe, expect, it } from "vitest";
import * as generate from "@/app/v1/generate/route";
import { db } from "@/lib/db/client";
import { eventStreamSettings, fetchEventsAfter, setEventStreamSettings } from "@/lib/jobs/event-stream";
import { JobEventHub } from "@/lib/jobs/event-stream-hub";
import { listenForJobEvents, supportsListen } from "@/lib/jobs/event-wake";
import type { StoredJobEvent } from "@/lib/jobs/sse";
import { transitionJob } from "@/lib/jobs/transition";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { starter } from "../helpers/fixtures";
import { call } from "../helpers/http";

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops) await stop();
});

describe("job events wake the hub", () => {
  it("PostgreSQL: the `started` event arrives through NOTIFY (timer at 1 h); PGlite: no listener, the timer delivers", async () => {
    const listen = await supportsListen(db());
    const restore = setEventStreamSettings({ pollMs: listen ? 3_600_000 : 50 });
    try {
      const s = await starter();
      const created = await call(generate.POST, { method: "POST", path: "/v1/generate", token: s.token, body: { spec: WELCOME_SPEC } });
      expect(created.status).toBe(201);
      const jobId = created.json.id as string;
      const hub = new JobEventHub((c) => fetchEventsAfter(db(), c, 500), eventStreamSettings);
      const stop = await listenForJobEvents(db(), hub);
      if (stop) stops.push(stop);
      expect(stop !== null).toBe(listen);
      const started = new Promise<StoredJobEvent[]>((resolve) => hub.subscribe(jobId, 1, resolve)); // after `queued`
      await db().transaction((tx) => transitionJob(tx, jobId, { to: "processing" }));
      const events = await started;
      expect(events.map((e) => [e.sequence, e.eventType])).toEqual([[2, "started"]]);
    } finally {
      restore();
    }
  });
});
