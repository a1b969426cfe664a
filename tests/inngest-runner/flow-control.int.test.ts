/**
 * The local Inngest runner's flow control: cancelOn (and the cancel API), concurrency limits per
 * key (only executing steps hold a slot), timeouts.finish, event-id dedupe and idempotency.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/lib/embedded";
import { api, claimDatabase, counters, runDetail, runnerFor, runsOf, runWith, sleep, startApp, testClient, waitFor, type RunView } from "./harness";

const hits = counters();
const spans: Array<{ owner: string; start: number; end: number }> = [];
const port = await freePort();
const inngest = testClient(port);

const functions = [
  inngest.createFunction(
    { id: "cancellable", triggers: [{ event: "t/job.created" }], cancelOn: [{ event: "t/job.canceled", if: "async.data.job_id == event.data.job_id" }] },
    async ({ event, step }) => {
      await step.run("first", () => hits.hit(`first:${event.data.job_id}`));
      await step.sleep("pause", "3s");
      await step.run("second", () => hits.hit(`second:${event.data.job_id}`));
    },
  ),
  inngest.createFunction(
    { id: "limited", triggers: [{ event: "t/render" }], concurrency: { limit: 1, key: "event.data.owner" } },
    async ({ event, step }) => {
      const work = async () => {
        const start = Date.now();
        await sleep(250);
        spans.push({ owner: event.data.owner as string, start, end: Date.now() });
      };
      await step.run("part-1", work);
      await step.run("part-2", work);
    },
  ),
  inngest.createFunction(
    { id: "limited-waiter", triggers: [{ event: "t/park" }], concurrency: { limit: 1, key: "event.data.owner" } },
    async ({ step }) => step.waitForEvent("never", { event: "t/never", timeout: "1m" }),
  ),
  inngest.createFunction({ id: "bounded", triggers: [{ event: "t/bounded" }], timeouts: { finish: "1s" } }, async ({ step }) => {
    await step.run("quick", () => hits.hit("bounded.quick"));
    await step.sleep("too-long", "3s");
    await step.run("late", () => hits.hit("bounded.late"));
  }),
  inngest.createFunction({ id: "once", triggers: [{ event: "t/once" }] }, async ({ event }) => void hits.hit(`once:${event.id}`)),
  inngest.createFunction({ id: "idempotent", triggers: [{ event: "t/idem" }], idempotency: "event.data.key" }, async () => "ran"),
];

const app = await startApp(inngest, functions);
let runner: Awaited<ReturnType<typeof runnerFor>>;
let release = () => {};
beforeAll(async () => {
  release = await claimDatabase();
  runner = await runnerFor(app, port);
});
afterAll(async () => {
  await runner?.stop();
  await app.stop();
  release();
});

const sleeping = (r: RunView) => !!r.pending?.some((p) => p.kind === "sleep");
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

describe("inngest runner: flow control", () => {
  it("cancelOn: a matching event cancels the run mid-way; others don't", async () => {
    await inngest.send([
      { name: "t/job.created", data: { job_id: "j1" } },
      { name: "t/job.created", data: { job_id: "j2" } },
    ]);
    const j1 = await runWith(runner.url, "cancellable", (r) => r.event.data.job_id === "j1" && sleeping(r), "j1 sleeping");
    await inngest.send({ name: "t/job.canceled", data: { job_id: "j1" } });
    await waitFor("j1 cancelled", async () => (await runDetail(runner.url, j1.id)).status === "cancelled");
    const j2 = await runWith(runner.url, "cancellable", (r) => r.event.data.job_id === "j2" && r.status === "completed", "j2 completed", 10_000);
    expect(j2.cancel_reason).toBeNull();
    expect([hits.get("first:j1"), hits.get("second:j1")]).toEqual([1, 0]);
    expect([hits.get("first:j2"), hits.get("second:j2")]).toEqual([1, 1]);
  });

  it("POST /v1/runs/:id/cancel cancels a run", async () => {
    await inngest.send({ name: "t/job.created", data: { job_id: "j3" } });
    const j3 = await runWith(runner.url, "cancellable", (r) => r.event.data.job_id === "j3" && sleeping(r), "j3 sleeping");
    const cancelled = await api<RunView>(runner.url, `/v1/runs/${j3.id}/cancel`, { method: "POST" });
    expect(cancelled.status).toBe("cancelled");
    expect((await runDetail(runner.url, j3.id)).pending).toEqual([]);
  });

  it("concurrency: runs with the same key never execute steps at once; different keys do", async () => {
    await inngest.send([
      { name: "t/render", data: { owner: "alice" } },
      { name: "t/render", data: { owner: "alice" } },
      { name: "t/render", data: { owner: "bob" } },
    ]);
    await waitFor("three completed renders", async () => (await runsOf(runner.url, "limited")).filter((r) => r.status === "completed").length === 3);
    const alice = spans.filter((s) => s.owner === "alice");
    const bob = spans.filter((s) => s.owner === "bob");
    expect(alice).toHaveLength(4);
    expect(alice.some((a, i) => alice.some((b, j) => i !== j && overlaps(a, b)))).toBe(false);
    expect(bob.some((b) => alice.some((a) => overlaps(a, b)))).toBe(true);
  });

  it("concurrency: a run waiting for an event holds no slot", async () => {
    await inngest.send([
      { name: "t/park", data: { owner: "carol" } },
      { name: "t/park", data: { owner: "carol" } },
    ]);
    await waitFor("both runs waiting", async () => {
      const runs = await Promise.all((await runsOf(runner.url, "limited-waiter")).map((r) => runDetail(runner.url, r.id)));
      return runs.filter((r) => r.pending?.some((p) => p.kind === "wait")).length === 2;
    });
  });

  it("timeouts.finish cancels a run that takes too long", async () => {
    await inngest.send({ name: "t/bounded", data: {} });
    const run = await runWith(runner.url, "bounded", (r) => r.status === "cancelled", "the timed-out run", 5_000);
    expect(run.cancel_reason).toBe("timeout");
    // The run's sleep left the queue in the transaction that cancelled it: nothing can wake it to
    // run "late" (no need to wait until the sleep would have ended).
    expect((await runDetail(runner.url, run.id)).pending).toEqual([]);
    expect([hits.get("bounded.quick"), hits.get("bounded.late")]).toEqual([1, 0]);
  });

  it("dedupes events by the sender's id", async () => {
    const first = await inngest.send({ id: "evt-1", name: "t/once", data: {} });
    const second = await inngest.send({ id: "evt-1", name: "t/once", data: {} });
    expect(second.ids).toEqual(first.ids);
    // Events are processed in the order received: once a later event's run has completed, a
    // duplicate run (if the second send had been stored) would exist too.
    await inngest.send({ id: "evt-2", name: "t/once", data: {} });
    await waitFor("the later event's run", async () => (await runsOf(runner.url, "once")).some((r) => r.event.id === "evt-2" && r.status === "completed"));
    expect((await runsOf(runner.url, "once")).map((r) => r.event.id).sort()).toEqual(["evt-1", "evt-2"]);
    expect(hits.get("once:evt-1")).toBe(1);
  });

  it("starts one run per idempotency key", async () => {
    await inngest.send([
      { name: "t/idem", data: { key: "k1" } },
      { name: "t/idem", data: { key: "k1" } },
      { name: "t/idem", data: { key: "k2" } },
    ]);
    // A later event (processed after these three, in order) proves the duplicate k1 was passed over.
    await inngest.send({ name: "t/idem", data: { key: "k3" } });
    await waitFor("the later event's run", async () => (await runsOf(runner.url, "idempotent")).some((r) => r.event.data.key === "k3" && r.status === "completed"));
    expect((await runsOf(runner.url, "idempotent")).map((r) => r.event.data.key).sort()).toEqual(["k1", "k2", "k3"]);
  });
});
