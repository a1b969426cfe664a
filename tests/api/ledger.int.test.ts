import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { itConcurrent } from "../helpers/concurrency";
import { grantCredits } from "@/lib/credits/admin";
import { applyCredits } from "@/lib/credits/service";
import { db } from "@/lib/db/client";
import { membershipUrn, teamUrn, userUrn } from "@/lib/urn";
import { creatorWithTeam, starter } from "../helpers/fixtures";
import { ledgerMismatches } from "../helpers/ledger";

const run = promisify(execFile);

describe("credit ledger", () => {
  it("just grant-credits changes balance and ledger together (by email and by URN)", async () => {
    const s = await starter();
    const env = { ...process.env, LOG_LEVEL: "silent" };
    const byEmail = await run("node_modules/.bin/tsx", ["scripts/grant-credits.ts", s.email, "250"], { env });
    expect(byEmail.stdout).toContain("now has 350");
    const byUrn = await run("node_modules/.bin/tsx", ["scripts/grant-credits.ts", userUrn(s.sub), "-50"], { env });
    expect(byUrn.stdout).toContain("now has 300");
    const rows = await db().execute<{ reason: string; delta: number }>(
      sql`select reason, delta from credit_ledger where owner = ${userUrn(s.sub)} order by created_at`,
    );
    expect(rows.map((r) => [r.reason, r.delta])).toEqual([["grant", 100], ["grant", 250], ["adjustment", -50]]);
    await expect(run("node_modules/.bin/tsx", ["scripts/grant-credits.ts", "nobody@example.com", "5"], { env })).rejects.toThrow();
  });

  it("the balance never goes negative: an overdraw is refused and writes no ledger row", async () => {
    const s = await starter();
    await expect(grantCredits(db(), s.email, -101)).rejects.toMatchObject({ code: "INSUFFICIENT_CREDITS" });
    const n = await db().execute<{ n: number }>(sql`select count(*)::int as n from credit_ledger where owner = ${userUrn(s.sub)}`);
    expect(n[0]!.n).toBe(1);
  });

  itConcurrent("sum(ledger) = balance for every owner after a mixed, concurrent sequence of operations", async () => {
    const a = await starter();
    const b = await starter();
    const c = await creatorWithTeam();
    await grantCredits(db(), teamUrn(c.teamId), 500);
    const ops: Promise<unknown>[] = [];
    for (let i = 0; i < 30; i++) {
      ops.push(grantCredits(db(), a.email, 7));
      ops.push(
        db().transaction((tx) => applyCredits(tx, { owner: userUrn(b.sub), delta: -9, reason: "job_charge" })).catch(() => null),
      );
      ops.push(
        db()
          .transaction((tx) => applyCredits(tx, { owner: membershipUrn(c.teamId, c.sub), delta: -20, reason: "job_charge" }))
          .catch(() => null),
      );
      if (i % 3 === 0) ops.push(db().transaction((tx) => applyCredits(tx, { owner: teamUrn(c.teamId), delta: 4, reason: "job_refund" })));
    }
    await Promise.all(ops);
    expect(await ledgerMismatches()).toEqual([]);
    const [bRow] = await db().execute<{ credits: number }>(sql`select credits from users where id = ${b.sub}`);
    expect(bRow!.credits).toBe(100 - 9 * 11); // 11 charges fit in 100; the rest were refused
    const [team] = await db().execute<{ credits: number }>(sql`select credits from teams where id = ${c.teamId}`);
    expect(team!.credits).toBeGreaterThanOrEqual(0);
  });
});
