/**
 * The four Inngest functions run with @inngest/test's InngestTestEngine (issue 9 item 4): each step
 * runs for real against the test database (sleeps and waits are resolved by the engine); a step
 * whose outcome needs a backend is given as earlier step state, as Inngest replays it.
 * The same functions run end to end through the local runner in tests/render and tests/api.
 */
import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as generate from "@/app/v1/generate/route";
import * as teamHooks from "@/app/v1/teams/[id]/webhooks/route";
import * as webhookTest from "@/app/v1/webhooks/[id]/test/route";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { EVENTS } from "@/lib/inngest/client";
import { WELCOME_SPEC_YAML } from "@/lib/storyboard/welcome";
import { starter, upgradedCreator } from "@/tests/helpers/fixtures";
import { call } from "@/tests/helpers/http";
import { startHttpsReceiver, type Receiver } from "@/tests/helpers/https-receiver";
import { ledgerMismatches } from "@/tests/helpers/ledger";
import { cancelBackendRequests } from "./cancel-requests";
import { jobTimeout } from "./job-timeout";
import { renderJob } from "./render-job";
import { deliverWebhook } from "./webhook-delivery";

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startHttpsReceiver();
  process.env.WEBHOOK_ALLOW_PRIVATE = "true";
  resetConfig();
});
afterAll(async () => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
  resetConfig();
  await receiver.stop();
});

/** A queued job of a fresh starter (welcome storyboard, 100 credits charged). */
async function queuedJob() {
  const s = await starter();
  const res = await call(generate.POST, { method: "POST", path: "/v1/generate", token: s.token, body: { spec: WELCOME_SPEC_YAML } });
  expect(res.status, res.text).toBe(201);
  return { user: s, job: res.json as { id: string; owner: string } };
}

const jobRow = async (id: string) =>
  (await db().execute<{ status: string; failure_type: string | null; credits: number }>(
    sql`select j.status::text as status, j.failure_type::text as failure_type, u.credits from jobs j join users u on j.owner = 'framecast:user:usr_' || u.id::text where j.id = ${id}`,
  ))[0]!;

/** The sleep is resolved as earlier step state (the engine does not skip time). */
const slept = { id: "job-timeout", handler: () => null };

const created = (jobId: string, owner = "framecast:user:usr_x") => [{ name: EVENTS.jobCreated, data: { job_id: jobId, owner } }] as [{ name: string; data: Record<string, unknown> }];

describe("job-timeout", () => {
  it("after the sleep, an active job fails with failure_type timeout and a full refund, and its render is stopped", async () => {
    const { job } = await queuedJob();
    const t = new InngestTestEngine({ function: jobTimeout, events: created(job.id, job.owner), steps: [slept] });
    const { result, ctx } = await t.execute();
    expect(result).toEqual({ jobId: job.id, expired: true });
    expect(ctx.step.sleep).toHaveBeenCalledWith("job-timeout", "30m");
    expect(await jobRow(job.id)).toMatchObject({ status: "failed", failure_type: "timeout", credits: 100 });
    expect(await ledgerMismatches()).toEqual([]);
  });

  it("a job that already finished is left alone (expired: false, no stop step)", async () => {
    const { job } = await queuedJob();
    await new InngestTestEngine({ function: jobTimeout, events: created(job.id, job.owner), steps: [slept] }).execute();
    const { result, state } = await new InngestTestEngine({ function: jobTimeout, events: created(job.id, job.owner), steps: [slept] }).execute();
    expect(result).toEqual({ jobId: job.id, expired: false });
    expect(state["stop-render"]).toBeUndefined();
  });
});

describe("cancel-backend-requests", () => {
  it("marks the job's open render requests canceled (the backend cancel is attempted, its failure only logged)", async () => {
    const { job } = await queuedJob();
    await db().execute(sql`insert into render_requests (job_id, scene_id, backend, request_id, status) values
      (${job.id}, 'intro', 'local', ${randomUUID()}, 'submitted'), (${job.id}, 'outro', 'local', null, 'completed')`);
    const { result } = await new InngestTestEngine({
      function: cancelBackendRequests,
      events: [{ name: EVENTS.jobCanceled, data: { job_id: job.id } }],
    }).execute();
    expect(result).toEqual({ jobId: job.id, canceled: 1 });
    const rows = await db().execute<{ scene_id: string; status: string }>(sql`select scene_id, status from render_requests where job_id = ${job.id} order by scene_id`);
    expect(rows.map((r) => [r.scene_id, r.status])).toEqual([["intro", "canceled"], ["outro", "completed"]]);
  });
});

describe("webhook-delivery", () => {
  async function retryingDelivery(status: number) {
    const c = await upgradedCreator();
    const hook = await call(teamHooks.POST, { method: "POST", token: c.token, params: { id: c.teamId }, body: { url: receiver.url, events: ["job.completed"] } });
    expect(hook.status, hook.text).toBe(201);
    receiver.respond(503, "busy");
    const first = await call(webhookTest.POST, { method: "POST", token: c.token, params: { id: hook.json.webhook.id } });
    expect(first.json).toMatchObject({ status: "retrying", attempts: 1 });
    await db().execute(sql`update webhook_deliveries set next_retry_at = now() where id = ${first.json.id}`);
    receiver.respond(status);
    return first.json.id as string;
  }

  it("a due retry is delivered in one attempt step", async () => {
    const id = await retryingDelivery(200);
    const sent = receiver.received.length;
    const { result, ctx } = await new InngestTestEngine({ function: deliverWebhook, events: [{ name: EVENTS.webhookDelivery, data: { delivery_id: id } }] }).execute();
    expect(result).toEqual({ id, outcome: "delivered" });
    expect(receiver.received.length).toBe(sent + 1);
    expect(ctx.step.sleep).not.toHaveBeenCalled();
  });

  it("a 4xx fails the delivery at once; an unknown delivery is skipped", async () => {
    const id = await retryingDelivery(410);
    const failed = await new InngestTestEngine({ function: deliverWebhook, events: [{ name: EVENTS.webhookDelivery, data: { delivery_id: id } }] }).execute();
    expect(failed.result).toEqual({ id, outcome: "failed" });
    const unknown = randomUUID();
    const skipped = await new InngestTestEngine({ function: deliverWebhook, events: [{ name: EVENTS.webhookDelivery, data: { delivery_id: unknown } }] }).execute();
    expect(skipped.result).toEqual({ id: unknown, outcome: "skipped" });
  });
});

describe("render-job", () => {
  it("a job that cannot start (unknown id) is skipped", async () => {
    const jobId = randomUUID();
    const { result } = await new InngestTestEngine({ function: renderJob, events: created(jobId) }).execute();
    expect(result).toEqual({ jobId, outcome: "skipped" });
  });

  // Past a `waitForEvent`, the engine cannot go: @inngest/test 1.0 hands the SDK its mocked wait
  // result as a promise, which inngest 4 then fails to validate as an event. The paths after a
  // callback (a failed scene, the stitch, completion) run end to end in tests/render.
  it("the wait for a scene's callback is registered with its submit, so a callback that comes first is not missed", async () => {
    const { job } = await queuedJob();
    const t = new InngestTestEngine({
      function: renderJob,
      events: created(job.id, job.owner),
      steps: [{ id: "start", handler: () => ({ scenes: ["intro"], maxParallel: 1, segments: {} }) }],
    });
    // By the time the submit step runs, the wait is already planned (parallel steps).
    const { ctx } = await t.executeStep("submit-intro");
    expect(ctx.step.waitForEvent).toHaveBeenCalledWith("wait-intro-0", {
      event: EVENTS.sceneCompleted,
      timeout: "5s",
      if: `async.data.job_id == "${job.id}" && async.data.scene_id == "intro"`,
    });
    expect(ctx.step.run).not.toHaveBeenCalledWith("check-intro-0", expect.any(Function));
  });
});
