/**
 * /api/inngest with INNGEST_SIGNING_KEY set, over real HTTP: unsigned or badly signed calls (
 * POST, a bare PUT sync) → 401; the local runner, signing with the key, syncs the app and runs
 * one of its functions to completion.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "@/lib/config";
import { signEmptyBody } from "@/lib/inngest/sync-signature";
import { startRunner } from "@/scripts/inngest-runner";
import { signature } from "@/scripts/inngest-runner/signing";
import { freePort } from "@/scripts/lib/embedded";
import { claimDatabase, settledRun, silent } from "../inngest-runner/harness";
import { serveRoute, type Served } from "../helpers/serve";

const signingKey = `signkey-test-${"cd34".repeat(16)}`;
const runnerPort = await freePort();
Object.assign(process.env, { INNGEST_SIGNING_KEY: signingKey, INNGEST_EVENT_KEY: "evt-test", INNGEST_BASE_URL: `http://127.0.0.1:${runnerPort}` });
resetConfig();
const route = await import("@/app/api/inngest/route");
const { inngest, EVENTS } = await import("@/lib/inngest/client");

let served: Served;
let serveUrl: string;
let release = () => {};

beforeAll(async () => {
  release = await claimDatabase();
  served = await serveRoute((req, ctx) => {
    const handler = { GET: route.GET, POST: route.POST, PUT: route.PUT }[req.method as "GET" | "POST" | "PUT"];
    return (handler as (r: typeof req, c: typeof ctx) => Promise<Response>)(req, ctx);
  });
  serveUrl = `${served.url}/api/inngest`;
});

afterAll(async () => {
  await served.stop();
  release();
});

describe("/api/inngest with a signing key", () => {
  it("unsigned or wrongly signed POST and PUT (bare and in-band sync) → 401", async () => {
    const body = JSON.stringify({ event: { name: EVENTS.jobCanceled, data: { job_id: randomUUID() } }, steps: {}, ctx: {} });
    const wrongKey = `signkey-test-${"ef56".repeat(16)}`;
    const attempts: [string, RequestInit][] = [
      ["unsigned POST", { method: "POST", body }],
      ["POST signed with another key", { method: "POST", body, headers: { "x-inngest-signature": signature(JSON.parse(body), wrongKey) } }],
      ["unsigned PUT", { method: "PUT" }],
      ["PUT signed with another key", { method: "PUT", headers: { "x-inngest-signature": signEmptyBody(wrongKey) } }],
      ["PUT with a stale signature", { method: "PUT", headers: { "x-inngest-signature": signEmptyBody(signingKey, Date.now() - 3_600_000) } }],
      ["unsigned in-band PUT", { method: "PUT", headers: { "x-inngest-sync-kind": "in_band" }, body: JSON.stringify({ url: serveUrl }) }],
    ];
    for (const [what, init] of attempts) {
      const res = await fetch(`${serveUrl}?fnId=framecast-cancel-backend-requests&stepId=step`, init);
      expect({ what, status: res.status }).toEqual({ what, status: 401 });
    }
  });

  it("the local runner signs its sync and its calls: a function runs to completion", async () => {
    const runner = await startRunner({ port: runnerPort, serveUrl, databaseUrl: process.env.DATABASE_URL!, log: silent, signingKey, pollMs: 100 });
    try {
      const jobId = randomUUID();
      await inngest().send({ name: EVENTS.jobCanceled, data: { job_id: jobId } });
      const run = await settledRun(runner.url, "cancel-backend-requests");
      expect(run.output).toEqual({ jobId, canceled: 0 });
    } finally {
      await runner.stop();
    }
  });
});
