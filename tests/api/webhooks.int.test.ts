/** Webhooks (spec part 4 §6): management, signing, the retry schedule and job-event fan-out, against a local HTTPS receiver. */
import { createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as generate from "@/app/v1/generate/route";
import * as retry from "@/app/v1/webhook-deliveries/[id]/retry/route";
import * as teamHooks from "@/app/v1/teams/[id]/webhooks/route";
import * as hook from "@/app/v1/webhooks/[id]/route";
import * as deliveries from "@/app/v1/webhooks/[id]/deliveries/route";
import * as rotate from "@/app/v1/webhooks/[id]/rotate-secret/route";
import * as test from "@/app/v1/webhooks/[id]/test/route";
import { resetConfig } from "@/lib/config";
import { grantCredits } from "@/lib/credits/admin";
import { db } from "@/lib/db/client";
import { recordProgress, transitionJob } from "@/lib/jobs/transition";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { teamUrn } from "@/lib/urn";
import { attemptDelivery } from "@/lib/webhooks/deliver";
import { starter, upgradedCreator } from "../helpers/fixtures";
import { startHttpsReceiver, type Receiver } from "../helpers/https-receiver";
import { call } from "../helpers/http";

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startHttpsReceiver();
});
afterAll(async () => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
  resetConfig();
  await receiver?.stop();
});

function allowPrivate(on: boolean) {
  if (on) process.env.WEBHOOK_ALLOW_PRIVATE = "true";
  else delete process.env.WEBHOOK_ALLOW_PRIVATE;
  resetConfig();
}


async function createHook(c: { token: string; teamId: string }, events = ["job.queued", "job.progress", "job.completed"]) {
  const res = await call(teamHooks.POST, { method: "POST", token: c.token, params: { id: c.teamId }, body: { url: receiver.url, events } });
  expect(res.status, res.text).toBe(201);
  return res.json as { webhook: { id: string }; secret: string };
}

const delivery = async (id: string) =>
  (await db().execute<{ status: string; attempts: number; next_retry_at: Date | null; response_status: number | null }>(sql`select status, attempts, next_retry_at, response_status from webhook_deliveries where id = ${id}`))[0]!;

describe("webhooks", () => {
  it("refused: http, private addresses (without the development flag), members and starters", async () => {
    allowPrivate(false);
    const c = await upgradedCreator();
    const post = (token: string, url: string) => call(teamHooks.POST, { method: "POST", token, params: { id: c.teamId }, body: { url, events: ["job.completed"] } });
    const priv = await post(c.token, "https://127.0.0.1/hook");
    expect(priv.status).toBe(422);
    expect(priv.json.error.details.errors[0].message).toContain("private");
    expect((await post(c.token, "https://169.254.169.254/latest/meta-data")).status).toBe(422);
    for (const v6 of ["https://[::ffff:127.0.0.1]/hook", "https://[::127.0.0.1]/hook", "https://[2002:a9fe:a9fe::]/hook", "https://[64:ff9b::a9fe:a9fe]/hook", "https://[::ffff:93.184.216.34]/hook"]) {
      expect((await post(c.token, v6)).status, v6).toBe(422);
    }
    expect((await post(c.token, "http://example.com/hook")).status).toBe(422);
    expect((await call(teamHooks.POST, { method: "POST", token: c.token, params: { id: c.teamId }, body: { url: "https://example.com", events: [] } })).status).toBe(422);
    const member = await upgradedCreator();
    await db().execute(sql`insert into memberships (team_id, user_id, role) values (${c.teamId}, ${member.sub}, 'member')`);
    expect((await post(member.token, "https://example.com/hook")).status).toBe(403);
    expect((await post((await starter()).token, "https://example.com/hook")).status).toBe(403);
  });

  it("the secret is shown once and stored encrypted; a test event arrives signed, with its delivery id", async () => {
    allowPrivate(true);
    const c = await upgradedCreator();
    const created = await createHook(c);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const got = await call(hook.GET, { token: c.token, params: { id: created.webhook.id } });
    expect(JSON.stringify(got.json)).not.toContain(created.secret);
    const [stored] = await db().execute<{ secret_encrypted: string }>(sql`select secret_encrypted from webhooks where id = ${created.webhook.id}`);
    expect(stored!.secret_encrypted).not.toContain(created.secret.slice(6));

    receiver.respond(200, "thanks");
    const before = receiver.received.length;
    const res = await call(test.POST, { method: "POST", token: c.token, params: { id: created.webhook.id } });
    expect(res.json).toMatchObject({ status: "delivered", attempts: 1, response_status: 200, response_body: "thanks", event_type: "webhook.test" });
    const req = receiver.received[before]!;
    const ts = req.headers["x-webhook-timestamp"] as string;
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(10);
    expect(req.headers["x-webhook-signature"]).toBe(`sha256=${createHmac("sha256", created.secret).update(`${ts}.${req.body}`).digest("hex")}`);
    expect(req.headers["x-webhook-delivery-id"]).toBe(res.json.id);
    expect(JSON.parse(req.body)).toMatchObject({ event: "webhook.test", delivery_id: res.json.id, webhook: { id: created.webhook.id } });

    const rotated = await call(rotate.POST, { method: "POST", token: c.token, params: { id: created.webhook.id } });
    expect(rotated.json.secret).not.toBe(created.secret);
    await call(test.POST, { method: "POST", token: c.token, params: { id: created.webhook.id } });
    const last = receiver.received.at(-1)!;
    const lts = last.headers["x-webhook-timestamp"] as string;
    expect(last.headers["x-webhook-signature"]).toBe(`sha256=${createHmac("sha256", rotated.json.secret).update(`${lts}.${last.body}`).digest("hex")}`);
  });

  it("retry schedule: 5xx → retrying after 1 min, then 5 min …; failed after attempt 5; retry starts it over; 4xx and redirects fail at once", async () => {
    allowPrivate(true);
    const c = await upgradedCreator();
    const { webhook } = await createHook(c);
    receiver.respond(503, "busy");
    const first = (await call(test.POST, { method: "POST", token: c.token, params: { id: webhook.id } })).json;
    expect(first).toMatchObject({ status: "retrying", attempts: 1, response_status: 503 });
    expect(new Date(first.next_retry_at).getTime() - Date.now()).toBeGreaterThan(55_000);
    expect(new Date(first.next_retry_at).getTime() - Date.now()).toBeLessThan(65_000);
    // not due yet: nothing is sent
    const sent = receiver.received.length;
    expect(await attemptDelivery(db(), first.id)).toMatchObject({ status: "retrying" });
    expect(receiver.received.length).toBe(sent);
    await db().execute(sql`update webhook_deliveries set next_retry_at = now() where id = ${first.id}`);
    expect(await attemptDelivery(db(), first.id)).toEqual({ status: "retrying", retryInMs: 5 * 60_000 });
    await db().execute(sql`update webhook_deliveries set attempts = 4, next_retry_at = now() where id = ${first.id}`);
    expect(await attemptDelivery(db(), first.id)).toEqual({ status: "failed" });
    expect(await delivery(first.id)).toMatchObject({ status: "failed", attempts: 5, next_retry_at: null });

    receiver.respond(200);
    const again = await call(retry.POST, { method: "POST", token: c.token, params: { id: first.id } });
    expect(again.json).toMatchObject({ status: "pending", attempts: 0 });
    expect(await attemptDelivery(db(), first.id)).toEqual({ status: "delivered" });
    expect((await call(retry.POST, { method: "POST", token: c.token, params: { id: first.id } })).status).toBe(409);

    receiver.respond(404, "no such hook");
    expect((await call(test.POST, { method: "POST", token: c.token, params: { id: webhook.id } })).json).toMatchObject({ status: "failed", attempts: 1, response_status: 404 });
    receiver.respond(302, "", "https://example.com/elsewhere");
    expect((await call(test.POST, { method: "POST", token: c.token, params: { id: webhook.id } })).json).toMatchObject({ status: "failed", response_status: 302 });
    const listed = await call(deliveries.GET, { token: c.token, path: "/v1/x?status=failed", params: { id: webhook.id } });
    expect(listed.json.data.map((d: { response_status: number }) => d.response_status).sort()).toEqual([302, 404]);
  });

  it("a deactivated webhook stops its pending retries; a deleted one too; reactivated, a retry goes out again", async () => {
    allowPrivate(true);
    const c = await upgradedCreator();
    const { webhook } = await createHook(c);
    receiver.respond(503, "busy");
    const first = (await call(test.POST, { method: "POST", token: c.token, params: { id: webhook.id } })).json;
    expect(first).toMatchObject({ status: "retrying", attempts: 1 });
    const off = await call(hook.PATCH, { method: "PATCH", token: c.token, params: { id: webhook.id }, body: { is_active: false } });
    expect(off.json.is_active).toBe(false);
    receiver.respond(200);
    const sent = receiver.received.length;
    await db().execute(sql`update webhook_deliveries set next_retry_at = now() where id = ${first.id}`);
    expect(await attemptDelivery(db(), first.id)).toEqual({ status: "skipped" });
    expect(receiver.received.length).toBe(sent);
    const row = await delivery(first.id);
    expect(row).toMatchObject({ status: "failed", attempts: 1, next_retry_at: null });
    // nothing is sent to an inactive webhook, even on request
    expect((await call(test.POST, { method: "POST", token: c.token, params: { id: webhook.id } })).status).toBe(409);
    expect((await call(retry.POST, { method: "POST", token: c.token, params: { id: first.id } })).status).toBe(409);
    expect(receiver.received.length).toBe(sent);

    await call(hook.PATCH, { method: "PATCH", token: c.token, params: { id: webhook.id }, body: { is_active: true } });
    expect((await call(retry.POST, { method: "POST", token: c.token, params: { id: first.id } })).status).toBe(200);
    expect(await attemptDelivery(db(), first.id)).toEqual({ status: "delivered" });
    expect(receiver.received.length).toBe(sent + 1);

    receiver.respond(503, "busy");
    const second = (await call(test.POST, { method: "POST", token: c.token, params: { id: webhook.id } })).json;
    expect(second.status).toBe("retrying");
    expect((await call(hook.DELETE, { method: "DELETE", token: c.token, params: { id: webhook.id } })).status).toBe(204);
    const before = receiver.received.length;
    expect(await attemptDelivery(db(), second.id)).toEqual({ status: "skipped" });
    expect(receiver.received.length).toBe(before);
  });

  it("a team job's events become deliveries: queued with the job's fields; progress at most once a second", async () => {
    allowPrivate(true);
    const c = await upgradedCreator();
    const { webhook } = await createHook(c);
    await grantCredits(db(), teamUrn(c.teamId), 200);
    const job = (await call(generate.POST, { method: "POST", token: c.token, body: { spec: WELCOME_SPEC, owner: teamUrn(c.teamId) } })).json;
    await db().transaction((tx) => transitionJob(tx, job.id, { to: "processing" }));
    await db().transaction((tx) => recordProgress(tx, job.id, { phase: "generating", percent: 20 }));
    await db().transaction((tx) => recordProgress(tx, job.id, { percent: 40 }));
    const rows = await db().execute<{ event_type: string; payload: { event: string; delivery_id: string; job: Record<string, unknown> }; id: string }>(
      sql`select id, event_type, payload from webhook_deliveries where webhook_id = ${webhook.id} order by created_at`,
    );
    expect(rows.map((r) => r.event_type)).toEqual(["job.queued", "job.progress"]);
    expect(rows[0]!.payload).toMatchObject({ event: "job.queued", delivery_id: rows[0]!.id, job: { id: job.id, owner: teamUrn(c.teamId), status: "queued", triggered_by: c.sub, project_id: null } });
    expect(rows[1]!.payload.job).toMatchObject({ id: job.id, status: "processing", progress: expect.objectContaining({ percent: 20 }) });
    const outbox = await db().execute<{ n: number }>(sql`select count(*)::int as n from outbox where name = 'framecast/webhook.delivery' and payload->>'delivery_id' in (${rows[0]!.id}, ${rows[1]!.id})`);
    expect(outbox[0]!.n).toBe(2);
    // a personal job sends nothing
    const s = await starter();
    await call(generate.POST, { method: "POST", token: s.token, body: { spec: WELCOME_SPEC, options: { preview: true } } });
    expect((await db().execute(sql`select 1 from webhook_deliveries where webhook_id = ${webhook.id}`)).length).toBe(2);
  });
});
