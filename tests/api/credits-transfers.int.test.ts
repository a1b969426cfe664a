/**
 * Issue 11 item 1: POST /v1/credits/transfers moves credits between the caller's account and their
 * teams — both ledger rows and both balances in one transaction, 402 / 403 / 404 / 422 by rule, and
 * ledger = balance under a 50-way race in both directions.
 */
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { grantCredits } from "@/lib/credits/admin";
import { db } from "@/lib/db/client";
import { membershipUrn, teamUrn, userUrn } from "@/lib/urn";
import { addMember, starter, upgradedCreator } from "../helpers/fixtures";
import * as transfers from "@/app/v1/credits/transfers/route";
import { newKey, transfer } from "../helpers/credits";
import { call } from "../helpers/http";
import { ledgerMismatches } from "../helpers/ledger";
import { connect, expectCheck, expectForeignKey, expectRule } from "../db-rules/helpers";

const balanceOf = async (table: "users" | "teams", id: string) =>
  (await db().execute<{ credits: number }>(sql.raw(`select credits from ${table} where id = '${id}'`)))[0]!.credits;

const ledgerRows = (owner: string) =>
  db().execute<{ delta: number; kind: string; reason: string | null; transfer_id: string | null; balance_after: number }>(
    sql`select delta, kind, reason, transfer_id, balance_after from credit_ledger where owner = ${owner} order by created_at, delta desc`,
  );

describe("POST /v1/credits/transfers", () => {
  it("201: personal → own team moves the credits, writes both ledger rows and answers both balances", async () => {
    const c = await upgradedCreator();
    const res = await transfer(c.token, { from: userUrn(c.sub), to: teamUrn(c.teamId), amount: 40, note: "for renders" });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      transfer: { from: userUrn(c.sub), to: teamUrn(c.teamId), amount: 40, note: "for renders" },
      from_balance: 60,
      to_balance: 40,
    });
    expect(res.json.transfer.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(res.json.transfer.created_at).getTime()).not.toBeNaN();
    expect(await balanceOf("users", c.sub)).toBe(60);
    expect(await balanceOf("teams", c.teamId)).toBe(40);
    const out = (await ledgerRows(userUrn(c.sub))).at(-1)!;
    const inn = (await ledgerRows(teamUrn(c.teamId))).at(-1)!;
    expect(out).toMatchObject({ delta: -40, kind: "transfer_out", reason: null, transfer_id: res.json.transfer.id, balance_after: 60 });
    expect(inn).toMatchObject({ delta: 40, kind: "transfer_in", reason: null, transfer_id: res.json.transfer.id, balance_after: 40 });
    expect(await ledgerMismatches()).toEqual([]);
  });

  it("201: an owner moves team credits back to their personal balance; note is optional (null)", async () => {
    const c = await upgradedCreator();
    await grantCredits(db(), teamUrn(c.teamId), 50);
    const res = await transfer(c.token, { from: teamUrn(c.teamId), to: userUrn(c.sub), amount: 50 });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ transfer: { note: null }, from_balance: 0, to_balance: 150 });
  });

  it("an admin may move team credits out; a member or viewer gets 403 and may still fund the team", async () => {
    const c = await upgradedCreator();
    await grantCredits(db(), teamUrn(c.teamId), 30);
    const admin = await addMember(c.teamId, "admin");
    const member = await addMember(c.teamId, "member");
    const viewer = await addMember(c.teamId, "viewer");
    expect((await transfer(admin.token, { from: teamUrn(c.teamId), to: userUrn(admin.sub), amount: 10 })).status).toBe(201);
    for (const who of [member, viewer]) {
      const res = await transfer(who.token, { from: teamUrn(c.teamId), to: userUrn(who.sub), amount: 1 });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("FORBIDDEN");
      expect(res.json.error.message).toContain("owner or admin");
    }
    const fund = await transfer(viewer.token, { from: userUrn(viewer.sub), to: teamUrn(c.teamId), amount: 5 });
    expect(fund.status, fund.text).toBe(201);
    expect(fund.json.to_balance).toBe(25);
  });

  it("402 INSUFFICIENT_CREDITS when the source cannot cover it; nothing is written", async () => {
    const c = await upgradedCreator();
    const res = await transfer(c.token, { from: userUrn(c.sub), to: teamUrn(c.teamId), amount: 101 });
    expect(res.status).toBe(402);
    expect(res.json.error.code).toBe("INSUFFICIENT_CREDITS");
    expect(await balanceOf("users", c.sub)).toBe(100);
    expect(await balanceOf("teams", c.teamId)).toBe(0);
    const [n] = await db().execute<{ n: number }>(sql`select count(*)::int as n from credit_transfers where from_owner = ${userUrn(c.sub)}`);
    expect(n!.n).toBe(0);
  });

  it.each([
    ["from == to", (u: string) => ({ from: u, to: u, amount: 1 }), "to"],
    ["amount 0", (u: string, t: string) => ({ from: u, to: t, amount: 0 }), "amount"],
    ["amount over 10,000,000", (u: string, t: string) => ({ from: u, to: t, amount: 10_000_001 }), "amount"],
    ["a fractional amount", (u: string, t: string) => ({ from: u, to: t, amount: 1.5 }), "amount"],
    ["an amount as a string", (u: string, t: string) => ({ from: u, to: t, amount: "5" }), "amount"],
    ["a membership URN", (u: string, t: string, m: string) => ({ from: u, to: m, amount: 1 }), "to"],
    ["a note over 200 characters", (u: string, t: string) => ({ from: u, to: t, amount: 1, note: "x".repeat(201) }), "note"],
    ["an unknown field", (u: string, t: string) => ({ from: u, to: t, amount: 1, memo: "x" }), ""],
  ])("422 VALIDATION_ERROR: %s", async (_name, body, path) => {
    const c = await upgradedCreator();
    const res = await transfer(c.token, body(userUrn(c.sub), teamUrn(c.teamId), membershipUrn(c.teamId, c.sub)));
    expect(res.status, res.text).toBe(422);
    expect(res.json.error.code).toBe("VALIDATION_ERROR");
    if (path) expect(res.json.error.details.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it("10,000,000 is the largest amount accepted", async () => {
    const c = await upgradedCreator();
    await grantCredits(db(), userUrn(c.sub), 10_000_000);
    const res = await transfer(c.token, { from: userUrn(c.sub), to: teamUrn(c.teamId), amount: 10_000_000 });
    expect(res.status, res.text).toBe(201);
  });

  it("404 for someone else's account and for a team the caller is not in (same answer as a missing team)", async () => {
    const c = await upgradedCreator();
    const other = await upgradedCreator();
    const missingTeam = teamUrn("00000000-0000-4000-8000-000000000000");
    const cases = [
      { from: userUrn(other.sub), to: userUrn(c.sub), amount: 1 },
      { from: userUrn(c.sub), to: userUrn(other.sub), amount: 1 },
      { from: teamUrn(other.teamId), to: userUrn(c.sub), amount: 1 },
      { from: userUrn(c.sub), to: teamUrn(other.teamId), amount: 1 },
      { from: userUrn(c.sub), to: missingTeam, amount: 1 },
    ];
    const answers = [];
    for (const body of cases) {
      const res = await transfer(c.token, body);
      expect(res.status, JSON.stringify(body)).toBe(404);
      answers.push(res.json.error);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(await balanceOf("users", c.sub)).toBe(100);
  });

  it("a starter can move nothing into a team (404: no membership)", async () => {
    const s = await starter();
    const c = await upgradedCreator();
    expect((await transfer(s.token, { from: userUrn(s.sub), to: teamUrn(c.teamId), amount: 1 })).status).toBe(404);
  });

  it("a personal `*` key may transfer; a narrow key or a team key gets 403", async () => {
    const c = await upgradedCreator();
    const body = { from: userUrn(c.sub), to: teamUrn(c.teamId), amount: 3 };
    expect((await transfer(await newKey(c.token), body)).status).toBe(201);
    for (const key of [await newKey(c.token, { scopes: ["jobs:read", "jobs:write"] }), await newKey(c.token, { owner: teamUrn(c.teamId) })]) {
      const res = await transfer(key, body);
      expect(res.status, res.text).toBe(403);
      expect(res.json.error.message).toContain("Moving credits needs a signed-in session");
    }
    expect(await balanceOf("teams", c.teamId)).toBe(3);
  });

  it("401 without credentials", async () => {
    const res = await call(transfers.POST, { method: "POST", body: { from: "x", to: "y", amount: 1 } });
    expect(res.status).toBe(401);
  });
});

describe("credit_transfers rules in the database", () => {
  const q = connect();
  afterAll(() => q.end({ timeout: 5 }));

  it("amount range, from <> to and URN format are checks", async () => {
    const c = await upgradedCreator();
    const [u, t] = [userUrn(c.sub), teamUrn(c.teamId)];
    await expectCheck(q`insert into credit_transfers (from_owner, to_owner, amount) values (${u}, ${t}, 0)`, "credit_transfers_amount_range");
    await expectCheck(q`insert into credit_transfers (from_owner, to_owner, amount) values (${u}, ${t}, 10000001)`, "credit_transfers_amount_range");
    await expectCheck(q`insert into credit_transfers (from_owner, to_owner, amount) values (${u}, ${u}, 5)`, "credit_transfers_distinct");
    await expectCheck(q`insert into credit_transfers (from_owner, to_owner, amount) values ('framecast:user:x', ${t}, 5)`, "credit_transfers_from_urn");
  });

  it("a transfer without its two ledger rows does not commit; a transfer row cannot change", async () => {
    const c = await upgradedCreator();
    const [u, t] = [userUrn(c.sub), teamUrn(c.teamId)];
    await expectRule(q`insert into credit_transfers (from_owner, to_owner, amount) values (${u}, ${t}, 5)`, "INV-LEDGER");
    const ok = await transfer(c.token, { from: u, to: t, amount: 5 });
    await expectRule(q`update credit_transfers set amount = 6 where id = ${ok.json.transfer.id}`, "INV-LEDGER");
    await expectRule(q`delete from credit_transfers where id = ${ok.json.transfer.id}`, "INV-LEDGER");
  });

  it("ledger transfer rows reference an existing transfer, carry its kind and sign, and never a reason", async () => {
    const c = await upgradedCreator();
    const u = userUrn(c.sub);
    const ghost = "00000000-0000-4000-8000-000000000001";
    await expectForeignKey(q`insert into credit_ledger (owner, delta, transfer_id) values (${u}, 5, ${ghost})`, "credit_ledger_transfer_id_credit_transfers_id_fk");
    await expectCheck(q`insert into credit_ledger (owner, delta, reason, kind) values (${u}, 5, null, 'transfer_in')`, "credit_ledger_transfer_rows");
    await expectCheck(q`insert into credit_ledger (owner, delta, reason, kind) values (${u}, -5, 'grant', 'charge')`, "credit_ledger_kind_matches_reason");
    await expectCheck(q`insert into credit_ledger (owner, delta, reason) values (${u}, -5, null)`, "credit_ledger_transfer_rows");
  });
});

describe("transfers under a 50-way race (real PostgreSQL row locks)", () => {
  it("50 parallel transfers in both directions: every balance = sum of its ledger, nothing negative, total conserved", async () => {
    const c = await upgradedCreator();
    await grantCredits(db(), teamUrn(c.teamId), 60);
    const [u, t] = [userUrn(c.sub), teamUrn(c.teamId)];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? transfer(c.token, { from: u, to: t, amount: 9 }) : transfer(c.token, { from: t, to: u, amount: 7 }))),
    );
    for (const r of results) expect([201, 402], r.text).toContain(r.status);
    const ok = results.filter((r) => r.status === 201);
    expect(ok.length).toBeGreaterThan(0);
    const net = ok.reduce((sum, r) => sum + (r.json.transfer.from === u ? -r.json.transfer.amount : r.json.transfer.amount), 0);
    expect(await balanceOf("users", c.sub)).toBe(100 + net);
    expect(await balanceOf("teams", c.teamId)).toBe(60 - net);
    expect(await ledgerMismatches()).toEqual([]);
    const [neg] = await db().execute<{ n: number }>(sql`
      select count(*)::int as n from credit_ledger where (owner = ${u} or owner = ${t}) and balance_after < 0`);
    expect(neg!.n).toBe(0);
    const [pairs] = await db().execute<{ transfers: number; rows: number }>(sql`
      select (select count(*)::int from credit_transfers where from_owner in (${u}, ${t})) as transfers,
             (select count(*)::int from credit_ledger where transfer_id in (select id from credit_transfers where from_owner in (${u}, ${t}))) as rows`);
    expect(pairs).toEqual({ transfers: ok.length, rows: ok.length * 2 });
    // Each row's balance_after is the balance its own transaction left: the highest-balance_after chain ends at the balance.
    const [last] = await db().execute<{ n: number }>(sql`
      select count(*)::int as n from credit_ledger where owner = ${u} and balance_after = ${100 + net}`);
    expect(last!.n).toBeGreaterThan(0);
  });
});
