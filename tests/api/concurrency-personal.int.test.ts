import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeConcurrent } from "../helpers/concurrency";
import * as generate from "@/app/v1/generate/route";
import { grantCredits } from "@/lib/credits/admin";
import { db } from "@/lib/db/client";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { userUrn } from "@/lib/urn";
import { call } from "../helpers/http";
import { starter, upgradedCreator } from "../helpers/fixtures";
import { ledgerMismatches } from "../helpers/ledger";

const WELCOME_COST = 100;

function post(token: string, body: unknown) {
  return call(generate.POST, { method: "POST", path: "/v1/generate", token, body });
}

async function activePersonalJobs(userId: string) {
  const [n] = await db().execute<{ n: number }>(
    sql`select count(*)::int as n from jobs where owner = ${userUrn(userId)} and status in ('queued', 'processing')`,
  );
  return n!.n;
}

describeConcurrent("personal concurrency (CARD-5 for creators, CARD-6 for starters)", () => {
  it("a creator's personal URN: 20 simultaneous generates → exactly 5 accepted, 15 × 429", async () => {
    const c = await upgradedCreator();
    await grantCredits(db(), userUrn(c.sub), 20 * WELCOME_COST);
    const results = await Promise.all(Array.from({ length: 20 }, () => post(c.token, { spec: WELCOME_SPEC, owner: userUrn(c.sub) })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(15);
    expect(refused[0]!.json.error.code).toBe("CONCURRENCY_LIMIT_EXCEEDED");
    expect(refused[0]!.json.error.details.limit).toBe(5);
    expect(await activePersonalJobs(c.sub)).toBe(5);
    expect(await ledgerMismatches()).toEqual([]);
  });

  it("a starter: 20 simultaneous generates → still exactly 1 accepted", async () => {
    const s = await starter();
    await grantCredits(db(), userUrn(s.sub), 20 * WELCOME_COST);
    const results = await Promise.all(Array.from({ length: 20 }, () => post(s.token, { spec: WELCOME_SPEC })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(19);
    expect(refused[0]!.json.error.details.limit).toBe(1);
    expect(await activePersonalJobs(s.sub)).toBe(1);
    expect(await ledgerMismatches()).toEqual([]);
  });
});
