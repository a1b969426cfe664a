/**
 * The local Inngest runner drives real SDK functions (inngest@4, served with inngest/node) through
 * step.run memoization, retries, parallel steps, sleep, waitForEvent, sendEvent and errors.
 */
import { NonRetriableError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/lib/embedded";
import { claimDatabase, counters, runDetail, runnerFor, runWith, settledRun, sleep, startApp, testClient, type RunView } from "./harness";

const hits = counters();
const spans: Record<string, Array<[number, number]>> = {};
const port = await freePort();
const inngest = testClient(port);

async function span(label: string, ms: number) {
  const start = Date.now();
  await sleep(ms);
  (spans[label] ??= []).push([start, Date.now()]);
}

const functions = [
  inngest.createFunction({ id: "memo", triggers: [{ event: "t/memo" }] }, async ({ step }) => {
    const a = await step.run("a", () => (hits.hit("memo.a"), 20));
    const b = await step.run("b", () => (hits.hit("memo.b"), a + 1));
    hits.hit("memo.body");
    return { a, b };
  }),
  inngest.createFunction({ id: "flaky", retries: 3, triggers: [{ event: "t/flaky" }] }, async ({ step, attempt }) => {
    return step.run("flaky-step", () => {
      hits.hit("flaky");
      (spans["flaky.attempts"] ??= []).push([attempt, Date.now()]);
      if (hits.get("flaky") < 3) throw new Error(`fail #${hits.get("flaky")}`);
      return "ok on attempt 3";
    });
  }),
  inngest.createFunction({ id: "exhausted", retries: 1, triggers: [{ event: "t/exhausted" }] }, async ({ step }) => {
    try {
      await step.run("always-fails", () => {
        hits.hit("exhausted");
        throw new Error("still broken");
      });
      return "unreachable";
    } catch (err) {
      return { caught: (err as Error).message };
    }
  }),
  inngest.createFunction(
    {
      id: "uncaught",
      retries: 0,
      triggers: [{ event: "t/uncaught" }],
      onFailure: async ({ error }) => void hits.hit(`onFailure:${error.message}`),
    },
    async ({ step }) => step.run("boom", () => {
      throw new Error("kaboom");
    }),
  ),
  inngest.createFunction({ id: "fatal", retries: 3, triggers: [{ event: "t/fatal" }] }, async () => {
    hits.hit("fatal");
    throw new NonRetriableError("do not retry");
  }),
  inngest.createFunction({ id: "parallel", triggers: [{ event: "t/parallel" }] }, async ({ step }) => {
    const [x, y] = await Promise.all([
      step.run("x", () => span("par.x", 300).then(() => "X")),
      step.run("y", () => span("par.y", 300).then(() => "Y")),
    ]);
    const z = await step.run("z", () => (hits.hit("par.z"), `${x}${y}`));
    return z;
  }),
  inngest.createFunction({ id: "sleeper", triggers: [{ event: "t/sleep" }] }, async ({ step }) => {
    const before = await step.run("before", () => Date.now());
    await step.sleep("nap", "1s");
    const after = await step.run("after", () => Date.now());
    return { slept: after - before };
  }),
  inngest.createFunction({ id: "waiter", triggers: [{ event: "t/wait.start" }] }, async ({ event, step }) => {
    const approval = await step.waitForEvent("approval", {
      event: "t/wait.approved",
      timeout: event.data.timeout as string,
      if: "async.data.id == event.data.id",
    });
    return { approvedBy: approval ? approval.data.by : null };
  }),
  inngest.createFunction({ id: "parent", triggers: [{ event: "t/parent" }] }, async ({ event, step }) => {
    await step.sendEvent("spawn", { name: "t/child", data: { parent: event.data.tag } });
    return "sent";
  }),
  inngest.createFunction({ id: "child", triggers: [{ event: "t/child" }] }, async ({ event }) => ({ from: event.data.parent })),
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

const send = (name: string, data: Record<string, unknown> = {}) => inngest.send({ name, data });
const stepData = (run: RunView) => (run.steps ?? []).map((s) => [s.name, s.result]);

describe("inngest runner: steps", () => {
  it("memoizes step.run: each step's side effect happens once", async () => {
    const { ids } = await send("t/memo");
    expect(ids).toHaveLength(1);
    const run = await settledRun(runner.url, "memo");
    expect(run.output).toEqual({ a: 20, b: 21 });
    expect([hits.get("memo.a"), hits.get("memo.b")]).toEqual([1, 1]);
    expect(hits.get("memo.body")).toBe(1);
    expect(stepData(run)).toEqual([["a", { type: "data", data: 20 }], ["b", { type: "data", data: 21 }]]);
  });

  it("retries a throwing step with backoff until it succeeds", async () => {
    await send("t/flaky");
    const run = await settledRun(runner.url, "flaky");
    expect(run.output).toBe("ok on attempt 3");
    expect(hits.get("flaky")).toBe(3);
    const attempts = spans["flaky.attempts"]!;
    expect(attempts.map(([attempt]) => attempt)).toEqual([0, 1, 2]);
    // retryBaseMs 100: the second retry waits twice as long as the first.
    expect(attempts[1]![1] - attempts[0]![1]).toBeGreaterThanOrEqual(100);
    expect(attempts[2]![1] - attempts[1]![1]).toBeGreaterThanOrEqual(200);
  });

  it("memoizes the error once retries are exhausted, so the function's await throws", async () => {
    await send("t/exhausted");
    const run = await settledRun(runner.url, "exhausted");
    expect(run.output).toEqual({ caught: "still broken" });
    expect(hits.get("exhausted")).toBe(2);
  });

  it("fails the run on an uncaught step error and runs the onFailure handler", async () => {
    await send("t/uncaught");
    const run = await settledRun(runner.url, "uncaught", "failed");
    expect(run.error?.message).toContain("kaboom");
    await settledRun(runner.url, "uncaught-failure");
    expect(hits.get("onFailure:kaboom")).toBe(1);
  });

  it("does not retry a NonRetriableError", async () => {
    await send("t/fatal");
    const run = await settledRun(runner.url, "fatal", "failed");
    expect(run.error?.name).toBe("NonRetriableError");
    // Ended: its queue items left with it, so no retry can come (no need to wait for one).
    expect(run.pending).toEqual([]);
    expect(hits.get("fatal")).toBe(1);
  });

  it("executes parallel steps concurrently, then continues", async () => {
    await send("t/parallel");
    const run = await settledRun(runner.url, "parallel");
    expect(run.output).toBe("XY");
    expect(spans["par.x"]).toHaveLength(1);
    expect(spans["par.y"]).toHaveLength(1);
    const [xStart, xEnd] = spans["par.x"]![0]!;
    const [yStart, yEnd] = spans["par.y"]![0]!;
    expect(xStart < yEnd && yStart < xEnd).toBe(true);
    expect(hits.get("par.z")).toBe(1);
  });

  it("sleeps durably for '1s'", async () => {
    await send("t/sleep");
    const run = await settledRun(runner.url, "sleeper");
    expect((run.output as { slept: number }).slept).toBeGreaterThanOrEqual(1000);
  });

  it("resolves waitForEvent with a later event that matches the `if` expression", async () => {
    await send("t/wait.start", { id: "w1", timeout: "30s" });
    const waiting = await runWith(runner.url, "waiter", (r) => r.event.data.id === "w1" && !!r.pending?.some((p) => p.kind === "wait"), "a waiting run");
    await send("t/wait.approved", { id: "someone-else", by: "mallory" });
    // Events are processed in order: once a later event has started its run, mallory's was seen.
    await send("t/wait.start", { id: "w1-marker", timeout: "1s" });
    await runWith(runner.url, "waiter", (r) => r.event.data.id === "w1-marker", "the later event's run");
    expect((await runDetail(runner.url, waiting.id)).status).toBe("running");
    await send("t/wait.approved", { id: "w1", by: "alice" });
    const run = await runWith(runner.url, "waiter", (r) => r.id === waiting.id && r.status === "completed", "the approved run");
    expect(run.output).toEqual({ approvedBy: "alice" });
  });

  it("resolves waitForEvent with null when it times out", async () => {
    await send("t/wait.start", { id: "w2", timeout: "1s" });
    const run = await runWith(runner.url, "waiter", (r) => r.event.data.id === "w2" && r.status === "completed", "the timed-out run");
    expect(run.output).toEqual({ approvedBy: null });
  });

  it("delivers step.sendEvent events to the runner, where they trigger other functions", async () => {
    await send("t/parent", { tag: "p1" });
    expect((await settledRun(runner.url, "parent")).output).toBe("sent");
    const child = await settledRun(runner.url, "child");
    expect(child.output).toEqual({ from: "p1" });
  });
});
