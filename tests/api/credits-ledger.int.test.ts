/**
 * Issue 11 item 2: GET /v1/credits/ledger — a holder's history, newest first, every kind, keyset
 * paging, team members read the team's, non-members 404; and the usage figures equal ledger sums.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as usage from "@/app/v1/account/usage/route";
import * as ledger from "@/app/v1/credits/ledger/route";
import * as generate from "@/app/v1/generate/route";
import * as cancel from "@/app/v1/jobs/[id]/cancel/route";
import { grantCredits } from "@/lib/credits/admin";
import { db } from "@/lib/db/client";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { membershipUrn, teamUrn, userUrn } from "@/lib/urn";
import { addMember, starter, upgradedCreator } from "../helpers/fixtures";
import { newKey, transfer } from "../helpers/credits";
import { call } from "../helpers/http";

function history(token: string, query: Record<string, string> = {}) {
  const qs = new URLSearchParams(query).toString();
  return call(ledger.GET, { path: `/v1/credits/ledger${qs ? `?${qs}` : ""}`, token });
}

async function renderAndCancel(token: string, owner?: string) {
  const job = await call(generate.POST, { method: "POST", path: "/v1/generate", token, body: { spec: WELCOME_SPEC, ...(owner ? { owner } : {}) } });
  expect(job.status, job.text).toBe(201);
  const res = await call(cancel.POST, { method: "POST", token, params: { id: job.json.id } });
  expect(res.status, res.text).toBe(200);
  return job.json.id as string;
}

describe("GET /v1/credits/ledger", () => {
  it("a new account's history is its sign-up grant (kind signup)", async () => {
    const s = await starter();
    const res = await history(s.token);
    expect(res.status, res.text).toBe(200);
    expect(res.json.next_cursor).toBeNull();
    expect(res.json.data).toEqual([
      { id: expect.any(String), owner: userUrn(s.sub), amount: 100, kind: "signup", job_id: null, transfer_id: null, balance_after: 100, created_at: expect.any(String) },
    ]);
  });

  it("every kind, newest first, with signed amounts, job and transfer ids and the balance after each row", async () => {
    const c = await upgradedCreator();
    await grantCredits(db(), c.email, 400);
    const jobId = await renderAndCancel(c.token); // charge 100, refund 90
    const t = await transfer(c.token, { from: userUrn(c.sub), to: teamUrn(c.teamId), amount: 50 });
    await transfer(c.token, { from: teamUrn(c.teamId), to: userUrn(c.sub), amount: 20 });
    await grantCredits(db(), c.email, -10);
    const res = await history(c.token, { owner: userUrn(c.sub) });
    expect(res.status, res.text).toBe(200);
    const rows = res.json.data.map((r: Record<string, unknown>) => [r.kind, r.amount, r.balance_after]);
    expect(rows).toEqual([
      ["grant", -10, 450],
      ["transfer_in", 20, 460],
      ["transfer_out", -50, 440],
      ["refund", 90, 490],
      ["charge", -100, 400],
      ["grant", 400, 500],
      ["signup", 100, 100],
    ]);
    expect(res.json.data[3].job_id).toBe(jobId);
    expect(res.json.data[4].job_id).toBe(jobId);
    expect(res.json.data[2].transfer_id).toBe(t.json.transfer.id);
    const times = res.json.data.map((r: { created_at: string }) => Date.parse(r.created_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("pages with a stable keyset cursor: no row twice, none missed, and a damaged cursor is 422", async () => {
    const s = await starter();
    for (let i = 1; i <= 4; i++) await grantCredits(db(), s.email, i);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await history(s.token, { limit: "2", ...(cursor ? { cursor } : {}) });
      expect(res.status, res.text).toBe(200);
      expect(res.json.data.length).toBeLessThanOrEqual(2);
      seen.push(...res.json.data.map((r: { id: string }) => r.id));
      cursor = res.json.next_cursor;
      pages++;
      if (pages === 1) await grantCredits(db(), s.email, 99); // newer than the cursor: not in later pages
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    const bad = await history(s.token, { cursor: "not-a-cursor" });
    expect(bad.status).toBe(422);
    expect((await history(s.token, { limit: "101" })).status).toBe(422);
  });

  it("any team member (a viewer too) reads the team's history, including members' membership-URN charges", async () => {
    const c = await upgradedCreator();
    const viewer = await addMember(c.teamId, "viewer");
    await transfer(c.token, { from: userUrn(c.sub), to: teamUrn(c.teamId), amount: 100 });
    await renderAndCancel(c.token, membershipUrn(c.teamId, c.sub));
    const res = await history(viewer.token, { owner: teamUrn(c.teamId) });
    expect(res.status, res.text).toBe(200);
    expect(res.json.data.map((r: Record<string, unknown>) => [r.owner, r.kind, r.amount, r.balance_after])).toEqual([
      [membershipUrn(c.teamId, c.sub), "refund", 90, 90],
      [membershipUrn(c.teamId, c.sub), "charge", -100, 0],
      [teamUrn(c.teamId), "transfer_in", 100, 100],
    ]);
  });

  it("404 for a team the caller is not in, someone else's account, or a team that does not exist", async () => {
    const c = await upgradedCreator();
    const other = await upgradedCreator();
    const answers = [];
    for (const owner of [teamUrn(other.teamId), userUrn(other.sub), teamUrn("00000000-0000-4000-8000-000000000000")]) {
      const res = await history(c.token, { owner });
      expect(res.status, owner).toBe(404);
      answers.push(JSON.stringify(res.json.error));
    }
    expect(new Set(answers).size).toBe(1);
    expect((await history(c.token, { owner: membershipUrn(c.teamId, c.sub) })).status).toBe(422);
  });

  it("API keys: any personal key reads the caller's history; a team key reads its team (its default) and nothing else", async () => {
    const c = await upgradedCreator();
    await transfer(c.token, { from: userUrn(c.sub), to: teamUrn(c.teamId), amount: 5 });
    const narrow = await newKey(c.token, { scopes: ["jobs:read"] });
    const own = await history(narrow);
    expect(own.status, own.text).toBe(200);
    expect(own.json.data[0].owner).toBe(userUrn(c.sub));
    const teamKey = await newKey(c.token, { owner: teamUrn(c.teamId), scopes: ["team:read"] });
    const team = await history(teamKey);
    expect(team.status, team.text).toBe(200);
    expect(team.json.data.map((r: { owner: string }) => r.owner)).toEqual([teamUrn(c.teamId)]);
    expect((await history(teamKey, { owner: userUrn(c.sub) })).status).toBe(404);
  });

  it("401 without credentials", async () => {
    expect((await call(ledger.GET, { path: "/v1/credits/ledger" })).status).toBe(401);
  });
});

describe("usage reconciles with the ledger", () => {
  it("credits_used, credits_refunded and net_credits equal sums over the month's charge and refund rows", async () => {
    const c = await upgradedCreator();
    await grantCredits(db(), c.email, 300);
    await renderAndCancel(c.token);
    await renderAndCancel(c.token);
    await transfer(c.token, { from: userUrn(c.sub), to: teamUrn(c.teamId), amount: 150 });
    await renderAndCancel(c.token, teamUrn(c.teamId));
    const res = await call(usage.GET, { path: "/v1/account/usage", token: c.token });
    expect(res.status, res.text).toBe(200);
    for (const owner of [userUrn(c.sub), teamUrn(c.teamId)]) {
      const [sums] = await db().execute<{ used: number; refunded: number }>(sql`
        select coalesce(-sum(delta) filter (where kind = 'charge'), 0)::int as used,
               coalesce(sum(delta) filter (where kind = 'refund'), 0)::int as refunded
        from credit_ledger where owner = ${owner} and to_char(created_at at time zone 'UTC', 'YYYY-MM') = ${res.json.period}`);
      const entry = res.json.data.find((d: { owner: string }) => d.owner === owner);
      expect({ used: entry.credits_used, refunded: entry.credits_refunded, net: entry.net_credits }).toEqual({
        used: sums!.used,
        refunded: sums!.refunded,
        net: sums!.used - sums!.refunded,
      });
    }
    const personal = res.json.data.find((d: { owner: string }) => d.owner === userUrn(c.sub));
    expect(personal).toMatchObject({ credits_used: 200, credits_refunded: 180, net_credits: 20 });
  });
});
