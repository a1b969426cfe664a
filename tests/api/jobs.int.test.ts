import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { describeConcurrent, itConcurrent } from "../helpers/concurrency";
import * as generate from "@/app/v1/generate/route";
import * as jobsList from "@/app/v1/jobs/route";
import * as jobOne from "@/app/v1/jobs/[id]/route";
import * as cancel from "@/app/v1/jobs/[id]/cancel/route";
import * as clone from "@/app/v1/jobs/[id]/clone/route";
import { grantCredits } from "@/lib/credits/admin";
import { db } from "@/lib/db/client";
import { WELCOME_SPEC, WELCOME_SPEC_YAML } from "@/lib/storyboard/welcome";
import { membershipUrn, teamUrn, userUrn } from "@/lib/urn";
import { call } from "../helpers/http";
import { addMember, creatorWithTeam, starter } from "../helpers/fixtures";
import { ledgerMismatches } from "../helpers/ledger";

const WELCOME_COST = 100;

function post(token: string, body: unknown, headers: Record<string, string> = {}) {
  return call(generate.POST, { method: "POST", path: "/v1/generate", token, body, headers });
}

async function events(jobId: string) {
  return db().execute<{ sequence: number; event_type: string; payload: Record<string, unknown> }>(
    sql`select sequence::int, event_type, payload from job_events where job_id = ${jobId} order by sequence`,
  );
}

async function setPercent(jobId: string, percent: number) {
  await db().execute(
    sql`update jobs set status = 'processing', started_at = now(), progress = jsonb_set(progress, '{percent}', ${percent}::text::jsonb) where id = ${jobId}`,
  );
}

describe("POST /v1/generate", () => {
  it("creates a queued job: charge = estimate, ledger row, queued event, usage, outbox row (one transaction)", async () => {
    const s = await starter();
    const res = await post(s.token, { spec: WELCOME_SPEC_YAML });
    expect(res.status).toBe(201);
    const job = res.json;
    expect(job).toMatchObject({ status: "queued", owner: userUrn(s.sub), credits_charged: WELCOME_COST, project_id: null, is_ephemeral: true });
    expect(job.options).toMatchObject({ resolution: "720p", fps: 24, preview: false });
    expect(job.progress).toMatchObject({ phase: "queued", percent: 0, scenes_total: 2 });
    const [user] = await db().execute<{ credits: number }>(sql`select credits from users where id = ${s.sub}`);
    expect(user!.credits).toBe(0);
    expect((await events(job.id)).map((e) => [e.sequence, e.event_type])).toEqual([[1, "queued"]]);
    const [usage] = await db().execute<{ renders_count: number; credits_used: number }>(
      sql`select renders_count, credits_used from usage where owner = ${userUrn(s.sub)}`,
    );
    expect(usage).toMatchObject({ renders_count: 1, credits_used: WELCOME_COST });
    const outbox = await db().execute<{ name: string; payload: { job_id: string } }>(sql`select name, payload from outbox where payload->>'job_id' = ${job.id}`);
    expect(outbox.map((o) => o.name)).toEqual(["framecast/job.created"]);
    expect(await ledgerMismatches()).toEqual([]);
  });

  it("accepts the storyboard as an object; preview renders cost 0", async () => {
    const s = await starter();
    const res = await post(s.token, { spec: WELCOME_SPEC, options: { preview: true } });
    expect(res.status).toBe(201);
    expect(res.json.credits_charged).toBe(0);
  });

  it("422 with every validation error; nothing is charged", async () => {
    const s = await starter();
    const res = await post(s.token, { spec: { version: "1", scenes: [] } });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("VALIDATION_ERROR");
    expect(res.json.error.details.errors.length).toBeGreaterThan(0);
    const [user] = await db().execute<{ credits: number }>(sql`select credits from users where id = ${s.sub}`);
    expect(user!.credits).toBe(100);
  });

  it("402 INSUFFICIENT_CREDITS when the estimate exceeds the balance", async () => {
    const s = await starter();
    const res = await post(s.token, { spec: WELCOME_SPEC, options: { resolution: "1080p" } });
    expect(res.status).toBe(402);
    expect(res.json.error).toMatchObject({ code: "INSUFFICIENT_CREDITS", details: { required: 200, balance: 100 } });
  });

  it("unknown fields → 422; an owner the caller may not use → 403", async () => {
    const s = await starter();
    expect((await post(s.token, { spec: WELCOME_SPEC, colour: "red" })).status).toBe(422);
    const other = await starter();
    expect((await post(s.token, { spec: WELCOME_SPEC, owner: userUrn(other.sub) })).status).toBe(403);
    const c = await creatorWithTeam();
    expect((await post(s.token, { spec: WELCOME_SPEC, owner: teamUrn(c.teamId) })).status).toBe(403);
  });

  it("viewers cannot render for their team; members can, with the team's credits", async () => {
    const c = await creatorWithTeam();
    await grantCredits(db(), teamUrn(c.teamId), 500);
    const viewer = await addMember(c.teamId, "viewer");
    expect((await post(viewer.token, { spec: WELCOME_SPEC, owner: teamUrn(c.teamId) })).status).toBe(403);
    const member = await addMember(c.teamId, "member");
    const res = await post(member.token, { spec: WELCOME_SPEC, owner: membershipUrn(c.teamId, member.sub) });
    expect(res.status).toBe(201);
    const [team] = await db().execute<{ credits: number }>(sql`select credits from teams where id = ${c.teamId}`);
    expect(team!.credits).toBe(400);
    expect(await ledgerMismatches()).toEqual([]);
  });
});

describeConcurrent("limits under concurrency", () => {
  it("CARD-6: 50 simultaneous requests by one starter with credits for all → 1 accepted, 49 × 429", async () => {
    const s = await starter();
    await grantCredits(db(), userUrn(s.sub), 50 * WELCOME_COST);
    const results = await Promise.all(Array.from({ length: 50 }, () => post(s.token, { spec: WELCOME_SPEC })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((x) => x === 201)).toHaveLength(1);
    expect(statuses.filter((x) => x === 429)).toHaveLength(49);
    expect(results.find((r) => r.status === 429)!.json.error.code).toBe("CONCURRENCY_LIMIT_EXCEEDED");
    const [user] = await db().execute<{ credits: number }>(sql`select credits from users where id = ${s.sub}`);
    expect(user!.credits).toBe(100 + 49 * WELCOME_COST);
    const [n] = await db().execute<{ n: number }>(sql`select count(*)::int as n from jobs where owner = ${userUrn(s.sub)}`);
    expect(n!.n).toBe(1);
    expect(await ledgerMismatches()).toEqual([]);
  });

  it("CARD-5: 50 simultaneous requests for one team (team + membership URNs) → exactly 5 accepted", async () => {
    const c = await creatorWithTeam();
    await grantCredits(db(), teamUrn(c.teamId), 50 * WELCOME_COST);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(c.token, { spec: WELCOME_SPEC, owner: i % 2 ? teamUrn(c.teamId) : membershipUrn(c.teamId, c.sub) }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 429)).toHaveLength(45);
    const [team] = await db().execute<{ credits: number }>(sql`select credits from teams where id = ${c.teamId}`);
    expect(team!.credits).toBe(45 * WELCOME_COST);
    expect(await ledgerMismatches()).toEqual([]);
  });

  it("credits: concurrent requests never overdraw (team with credits for 2 of 5 slots)", async () => {
    const c = await creatorWithTeam();
    await grantCredits(db(), teamUrn(c.teamId), 2 * WELCOME_COST + 50);
    const results = await Promise.all(Array.from({ length: 20 }, () => post(c.token, { spec: WELCOME_SPEC, owner: teamUrn(c.teamId) })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.filter((r) => r.status === 402)).toHaveLength(18);
    const [team] = await db().execute<{ credits: number }>(sql`select credits from teams where id = ${c.teamId}`);
    expect(team!.credits).toBe(50);
    expect(await ledgerMismatches()).toEqual([]);
  });

  it("idempotency: 50 simultaneous requests with one Idempotency-Key → one job, 1 × 201 and 49 replays", async () => {
    const s = await starter();
    await grantCredits(db(), userUrn(s.sub), 10 * WELCOME_COST);
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 50 }, () => post(s.token, { spec: WELCOME_SPEC }, { "Idempotency-Key": key })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const replays = results.filter((r) => r.status === 200);
    expect(replays).toHaveLength(49);
    expect(replays.every((r) => r.headers.get("idempotent-replayed") === "true")).toBe(true);
    expect(new Set(results.map((r) => r.json.id)).size).toBe(1);
    const [user] = await db().execute<{ credits: number }>(sql`select credits from users where id = ${s.sub}`);
    expect(user!.credits).toBe(1000);
    expect(await ledgerMismatches()).toEqual([]);
  });

  it("idempotency: same key with a different body → 409 CONFLICT; body key works like the header", async () => {
    const s = await starter();
    const first = await post(s.token, { spec: WELCOME_SPEC, idempotency_key: "k-1" });
    expect(first.status).toBe(201);
    const again = await post(s.token, { spec: WELCOME_SPEC }, { "Idempotency-Key": "k-1" });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(first.json.id);
    const other = await post(s.token, { spec: WELCOME_SPEC, options: { fps: 30 } }, { "Idempotency-Key": "k-1" });
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe("CONFLICT");
  });
});

describe("reading jobs", () => {
  it("lists only accessible owners' jobs, filters by status, paginates with a stable cursor", async () => {
    const c = await creatorWithTeam();
    await grantCredits(db(), teamUrn(c.teamId), 1000);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await post(c.token, { spec: WELCOME_SPEC, owner: teamUrn(c.teamId), options: { preview: true } });
      ids.push(r.json.id);
    }
    const stranger = await starter();
    await post(stranger.token, { spec: WELCOME_SPEC, options: { preview: true } });
    const p1 = await call(jobsList.GET, { token: c.token, path: "/v1/jobs?limit=2" });
    expect(p1.status).toBe(200);
    expect(p1.json.data.map((j: { id: string }) => j.id)).toEqual([ids[2], ids[1]]);
    const p2 = await call(jobsList.GET, { token: c.token, path: `/v1/jobs?limit=2&cursor=${p1.json.next_cursor}` });
    expect(p2.json.data.map((j: { id: string }) => j.id)).toEqual([ids[0]]);
    expect(p2.json.next_cursor).toBeNull();
    const filtered = await call(jobsList.GET, { token: c.token, path: "/v1/jobs?status=completed" });
    expect(filtered.json.data).toEqual([]);
    expect((await call(jobsList.GET, { token: c.token, path: "/v1/jobs?status=nope" })).status).toBe(422);
    const member = await addMember(c.teamId, "viewer");
    const seen = await call(jobsList.GET, { token: member.token, path: "/v1/jobs" });
    expect(seen.json.data).toHaveLength(3);
    const one = await call(jobOne.GET, { token: stranger.token, params: { id: ids[0]! } });
    expect(one.status).toBe(404);
  });
});

describe("cancel", () => {
  it("queued job: refund floor(charged × 0.9), canceled event, second cancel 409, ledger exact", async () => {
    const s = await starter();
    const job = (await post(s.token, { spec: WELCOME_SPEC })).json;
    const res = await call(cancel.POST, { method: "POST", token: s.token, params: { id: job.id } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: "canceled", failure_type: "canceled", credits_refunded: 90, canceled_by: s.sub });
    expect(res.json.completed_at).not.toBeNull();
    expect((await events(job.id)).map((e) => e.event_type)).toEqual(["queued", "canceled"]);
    const again = await call(cancel.POST, { method: "POST", token: s.token, params: { id: job.id } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("INVALID_STATE");
    const [user] = await db().execute<{ credits: number }>(sql`select credits from users where id = ${s.sub}`);
    expect(user!.credits).toBe(90);
    expect(await ledgerMismatches()).toEqual([]);
  });

  it("at 40 % progress refunds floor(charged × 0.6 × 0.9) = 54 of 100", async () => {
    const s = await starter();
    const job = (await post(s.token, { spec: WELCOME_SPEC })).json;
    await setPercent(job.id, 40);
    const res = await call(cancel.POST, { method: "POST", token: s.token, params: { id: job.id } });
    expect(res.json.credits_refunded).toBe(54);
    expect(await ledgerMismatches()).toEqual([]);
  });

  itConcurrent("20 simultaneous cancels refund once", async () => {
    const s = await starter();
    const job = (await post(s.token, { spec: WELCOME_SPEC })).json;
    const results = await Promise.all(Array.from({ length: 20 }, () => call(cancel.POST, { method: "POST", token: s.token, params: { id: job.id } })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    const refunds = await db().execute(sql`select 1 from credit_ledger where job_id = ${job.id} and reason = 'job_refund'`);
    expect(refunds).toHaveLength(1);
    expect(await ledgerMismatches()).toEqual([]);
  });

  it("only the triggering user or a team owner/admin may cancel", async () => {
    const c = await creatorWithTeam();
    await grantCredits(db(), teamUrn(c.teamId), 500);
    const member = await addMember(c.teamId, "member");
    const other = await addMember(c.teamId, "member");
    const job = (await post(member.token, { spec: WELCOME_SPEC, owner: teamUrn(c.teamId) })).json;
    expect((await call(cancel.POST, { method: "POST", token: other.token, params: { id: job.id } })).status).toBe(403);
    expect((await call(cancel.POST, { method: "POST", token: c.token, params: { id: job.id } })).status).toBe(200);
  });
});

describe("clone and delete", () => {
  it("clone creates a new job from the snapshot; delete needs a terminal job", async () => {
    const s = await starter();
    await grantCredits(db(), userUrn(s.sub), 100);
    const job = (await post(s.token, { spec: WELCOME_SPEC })).json;
    expect((await call(jobOne.DELETE, { method: "DELETE", token: s.token, params: { id: job.id } })).status).toBe(409);
    await call(cancel.POST, { method: "POST", token: s.token, params: { id: job.id } });
    const copy = await call(clone.POST, { method: "POST", token: s.token, params: { id: job.id }, body: {} });
    expect(copy.status).toBe(201);
    expect(copy.json.id).not.toBe(job.id);
    expect(copy.json.spec_snapshot).toEqual(job.spec_snapshot);
    expect((await call(jobOne.DELETE, { method: "DELETE", token: s.token, params: { id: job.id } })).status).toBe(204);
    expect((await call(jobOne.GET, { token: s.token, params: { id: job.id } })).status).toBe(404);
    expect(await ledgerMismatches()).toEqual([]);
  });
});

describe("clone and delete in a team", () => {
  it("clone without owner makes the caller's personal job; the creator may delete a finished ephemeral team job", async () => {
    const c = await creatorWithTeam();
    await grantCredits(db(), teamUrn(c.teamId), 500);
    const member = await addMember(c.teamId, "member");
    const other = await addMember(c.teamId, "member");
    const job = (await post(member.token, { spec: WELCOME_SPEC, owner: teamUrn(c.teamId) })).json;
    await call(cancel.POST, { method: "POST", token: member.token, params: { id: job.id } });
    const copy = await call(clone.POST, { method: "POST", token: other.token, params: { id: job.id }, body: {} });
    expect(copy.status).toBe(201);
    expect(copy.json.owner).toBe(userUrn(other.sub));
    expect((await call(jobOne.DELETE, { method: "DELETE", token: member.token, params: { id: job.id } })).status).toBe(204);
    expect(await ledgerMismatches()).toEqual([]);
  });

  it("a viewer or another member may not delete a team job (403); an owner or admin may", async () => {
    const c = await creatorWithTeam();
    await grantCredits(db(), teamUrn(c.teamId), 500);
    const member = await addMember(c.teamId, "member");
    const other = await addMember(c.teamId, "member");
    const viewer = await addMember(c.teamId, "viewer");
    const admin = await addMember(c.teamId, "admin");
    const finished = async () => {
      const job = (await post(member.token, { spec: WELCOME_SPEC, owner: teamUrn(c.teamId), options: { preview: true } })).json;
      await call(cancel.POST, { method: "POST", token: member.token, params: { id: job.id } });
      return job.id as string;
    };
    const first = await finished();
    for (const who of [viewer, other]) {
      const res = await call(jobOne.DELETE, { method: "DELETE", token: who.token, params: { id: first } });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("FORBIDDEN");
    }
    expect((await call(jobOne.GET, { token: viewer.token, params: { id: first } })).status).toBe(200);
    expect((await call(jobOne.DELETE, { method: "DELETE", token: admin.token, params: { id: first } })).status).toBe(204);
    const second = await finished();
    expect((await call(jobOne.DELETE, { method: "DELETE", token: c.token, params: { id: second } })).status).toBe(204);
  });
});

describe("transitions are idempotent", () => {
  it("a retried step's progress, start and completion write no second event", async () => {
    const s = await starter();
    const job = (await post(s.token, { spec: WELCOME_SPEC })).json;
    const { recordProgress, transitionJob } = await import("@/lib/jobs/transition");
    expect(await db().transaction((tx) => transitionJob(tx, job.id, { to: "processing" }))).not.toBeNull();
    expect(await db().transaction((tx) => transitionJob(tx, job.id, { to: "processing" }))).toBeNull();
    for (let i = 0; i < 3; i++) await db().transaction((tx) => recordProgress(tx, job.id, { phase: "stitching", percent: 85 }));
    expect((await events(job.id)).map((e) => e.event_type)).toEqual(["queued", "started", "progress"]);
    await db().transaction((tx) => recordProgress(tx, job.id, { percent: 40 }));
    const [row] = await db().execute<{ percent: number }>(sql`select (progress->>'percent')::int as percent from jobs where id = ${job.id}`);
    expect(row!.percent).toBe(85); // progress never goes down
  });
});

describe("stitch progress", () => {
  it("moves the bar from 85 towards 95 as the video is written, never backwards, never to 95 itself", async () => {
    const s = await starter();
    const job = (await post(s.token, { spec: WELCOME_SPEC })).json;
    const { transitionJob } = await import("@/lib/jobs/transition");
    const { stitchProgress } = await import("@/lib/jobs/finish");
    await db().transaction((tx) => transitionJob(tx, job.id, { to: "processing" }));
    const percent = async () =>
      (await db().execute<{ p: number }>(sql`select (progress->>'percent')::int as p from jobs where id = ${job.id}`))[0]!.p;
    const report = stitchProgress(job.id, 0);
    report(0.5);
    await expect.poll(percent).toBe(90);
    report(0.2);
    report(1);
    await expect.poll(percent).toBe(94);
    const progress = (await events(job.id)).filter((e) => e.event_type === "progress");
    expect(progress.map((e) => e.payload.percent)).toEqual([90, 94]);
  });
});

