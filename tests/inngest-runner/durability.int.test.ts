/**
 * The local Inngest runner survives its own crashes and the app's downtime: state lives in
 * PostgreSQL, so a restarted runner resumes runs from their memoized steps, and requests to an app
 * that is down are retried until it is back.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/lib/embedded";
import { claimDatabase, counters, runnerFor, runWith, sleep, startApp, testClient, waitFor, type RunView } from "./harness";

const hits = counters();
const port = await freePort();
const inngest = testClient(port);
let slowStarted: () => void = () => {};

const functions = [
  inngest.createFunction({ id: "crash", triggers: [{ event: "t/crash" }] }, async ({ step }) => {
    await step.run("a", () => hits.hit("crash.a"));
    await step.run("slow", async () => {
      hits.hit("crash.slow");
      slowStarted();
      await sleep(1000);
    });
    await step.run("c", () => hits.hit("crash.c"));
    return "survived";
  }),
  inngest.createFunction({ id: "nap", triggers: [{ event: "t/nap" }] }, async ({ step }) => {
    await step.run("before", () => hits.hit("nap.before"));
    await step.sleep("zzz", "1s");
    await step.run("after", () => hits.hit("nap.after"));
    return "rested";
  }),
  inngest.createFunction({ id: "outage", triggers: [{ event: "t/outage" }] }, async ({ step }) => {
    await step.run("one", () => hits.hit("outage.one"));
    await step.sleep("gap", "1s");
    await step.run("two", () => hits.hit("outage.two"));
    return "back";
  }),
];

const app = await startApp(inngest, functions);
let child: ChildProcess | undefined;
let runner: Awaited<ReturnType<typeof runnerFor>> | undefined;

afterEach(async () => {
  if (child && child.exitCode === null && !child.signalCode) {
    child.kill("SIGKILL");
    await new Promise((r) => child!.once("exit", r));
  }
  await runner?.stop();
  runner = undefined;
});
let release = () => {};
beforeAll(async () => {
  release = await claimDatabase();
});
afterAll(async () => {
  await app.stop();
  release();
});

/** The runner as a separate process (`tsx scripts/inngest-runner/main.ts`), so it can be kill -9'd. */
async function spawnRunner(): Promise<ChildProcess> {
  // node --import tsx (not the tsx CLI, which runs the script in a grandchild that SIGKILL would miss).
  const proc = spawn(process.execPath, ["--import", "tsx", "scripts/inngest-runner/main.ts"], {
    env: {
      ...process.env,
      INNGEST_RUNNER_PORT: String(port),
      INNGEST_SERVE_URL: app.serveUrl,
      INNGEST_RUNNER_RETRY_BASE_MS: "100",
      LOG_LEVEL: process.env.RUNNER_TEST_LOG ?? "silent",
    },
    stdio: ["ignore", process.env.RUNNER_TEST_LOG ? "inherit" : "ignore", "inherit"],
  });
  await waitFor("the runner process", async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 20_000);
  return proc;
}

const runnerUrl = `http://127.0.0.1:${port}`;
const runOf = (fn: string, status: string) => runWith(runnerUrl, fn, (r: RunView) => r.status === status, `${fn} ${status}`, 20_000);

describe("inngest runner: durability", () => {
  it("resumes after kill -9: completed steps are not re-run, the interrupted one is", async () => {
    child = await spawnRunner();
    const started = new Promise<void>((r) => (slowStarted = r));
    await inngest.send({ name: "t/crash", data: {} });
    await started;
    child.kill("SIGKILL");
    await new Promise((r) => child!.once("exit", r));
    await sleep(1200); // the interrupted request finishes in the app, with nobody listening
    child = await spawnRunner();
    const run = await runOf("crash", "completed");
    expect(run.output).toBe("survived");
    expect([hits.get("crash.a"), hits.get("crash.slow"), hits.get("crash.c")]).toEqual([1, 2, 1]);
  });

  it("keeps durable timers across a restart", async () => {
    runner = await runnerFor(app, port);
    await inngest.send({ name: "t/nap", data: {} });
    await runWith(runnerUrl, "nap", (r) => !!r.pending?.some((p) => p.kind === "sleep"), "the nap");
    await runner.stop();
    await sleep(1200);
    runner = await runnerFor(app, port);
    const run = await runOf("nap", "completed");
    expect(run.output).toBe("rested");
    expect([hits.get("nap.before"), hits.get("nap.after")]).toEqual([1, 1]);
  });

  it("retries while the app is down and completes the run when it is back", async () => {
    runner = await runnerFor(app, port);
    await inngest.send({ name: "t/outage", data: {} });
    await runWith(runnerUrl, "outage", (r) => !!r.pending?.some((p) => p.kind === "sleep"), "the gap");
    await app.stop();
    await sleep(2000);
    expect(hits.get("outage.two")).toBe(0);
    await app.start();
    const run = await runOf("outage", "completed");
    expect(run.output).toBe("back");
    expect([hits.get("outage.one"), hits.get("outage.two")]).toEqual([1, 1]);
  });
});
