/**
 * The webhook-delivery Inngest function end to end (local runner, real /api/inngest, a local HTTPS
 * receiver): a webhook deactivated while a delivery sleeps before its retry gets nothing more, and
 * the run ends. The runner's sleep is brought forward in its queue instead of waiting a minute.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as teamHooks from "@/app/v1/teams/[id]/webhooks/route";
import * as hook from "@/app/v1/webhooks/[id]/route";
import * as test from "@/app/v1/webhooks/[id]/test/route";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { upgradedCreator } from "../helpers/fixtures";
import { call } from "../helpers/http";
import { startHttpsReceiver, type Receiver } from "../helpers/https-receiver";
import { runWith, type RunView } from "../inngest-runner/harness";
import { startPipeline, type Pipeline } from "../render/harness";

let p: Pipeline;
let receiver: Receiver;

beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE = "true";
  p = await startPipeline();
  receiver = await startHttpsReceiver();
}, 120_000);
afterAll(async () => {
  await p?.stop();
  await receiver?.stop();
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
  resetConfig();
});

const runFor = (deliveryId: string, test: (r: RunView) => boolean, what: string) =>
  runWith(p.runnerUrl, "webhook-delivery", (r) => r.event.data.delivery_id === deliveryId && test(r), what, 30_000);

const sleeping = (r: RunView) => !!r.pending?.some((x) => x.kind === "sleep");

async function wake(runId: string) {
  await db().execute(sql`update inngest_local.queue set due_at = now() where run_id = ${runId} and kind = 'sleep'`);
}

describe("webhook-delivery function", { timeout: 90_000 }, () => {
  it("a webhook deactivated between attempts gets no further delivery; the run ends", async () => {
    const c = await upgradedCreator();
    const created = await call(teamHooks.POST, { method: "POST", token: c.token, params: { id: c.teamId }, body: { url: receiver.url, events: ["job.completed"] } });
    expect(created.status, created.text).toBe(201);
    const hookId = created.json.webhook.id as string;
    receiver.respond(503, "busy");
    const first = (await call(test.POST, { method: "POST", token: c.token, params: { id: hookId } })).json;
    expect(first).toMatchObject({ status: "retrying", attempts: 1 });
    const sentBefore = receiver.received.length;

    const run = await runFor(first.id, sleeping, "the delivery run asleep before its retry");
    expect((await call(hook.PATCH, { method: "PATCH", token: c.token, params: { id: hookId }, body: { is_active: false } })).status).toBe(200);
    receiver.respond(200);
    await db().execute(sql`update webhook_deliveries set next_retry_at = now() where id = ${first.id}`);
    await wake(run.id);

    const done = await runFor(first.id, (r) => r.status === "completed", "the delivery run to end");
    expect(done.output).toMatchObject({ outcome: "skipped" });
    expect(receiver.received.length).toBe(sentBefore);
    const [row] = await db().execute<{ status: string; attempts: number }>(sql`select status, attempts from webhook_deliveries where id = ${first.id}`);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
  });

  it("an active webhook's retry is delivered by the same function (control)", async () => {
    const c = await upgradedCreator();
    const created = await call(teamHooks.POST, { method: "POST", token: c.token, params: { id: c.teamId }, body: { url: receiver.url, events: ["job.completed"] } });
    receiver.respond(503, "busy");
    const first = (await call(test.POST, { method: "POST", token: c.token, params: { id: created.json.webhook.id } })).json;
    const sentBefore = receiver.received.length;
    const run = await runFor(first.id, sleeping, "the delivery run asleep before its retry");
    receiver.respond(200);
    await db().execute(sql`update webhook_deliveries set next_retry_at = now() where id = ${first.id}`);
    await wake(run.id);
    const done = await runFor(first.id, (r) => r.status === "completed", "the delivery run to end");
    expect(done.output).toMatchObject({ outcome: "delivered" });
    expect(receiver.received.length).toBe(sentBefore + 1);
  });
});
