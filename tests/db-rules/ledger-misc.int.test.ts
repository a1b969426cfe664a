/**
 * Database rules for the credit ledger (append-only; balance = sum of ledger rows, checked at
 * commit), usage, outbox and rate-limit counters, and the updated_at triggers of every table.
 */
import { afterAll, describe, expect, it } from "vitest";
import { itConcurrent } from "../helpers/concurrency";
import {
  connect,
  createCreator,
  createMember,
  createProject,
  createStarter,
  expectCheck,
  expectEnum,
  expectRule,
  expectUnique,
  hex,
  newEmail,
  newSlug,
  tx,
  uid,
  userUrn,
} from "./helpers";

const sql = connect();
afterAll(() => sql.end({ timeout: 5 }));

const ledgerSum = async (where: string) =>
  Number((await sql`select coalesce(sum(delta), 0)::int as s from credit_ledger where owner = ${where}`)[0]!.s);
const userCredits = async (id: string) => Number((await sql`select credits from users where id = ${id}`)[0]!.credits);

describe("credit_ledger constraints", () => {
  it("credit_ledger_owner_urn: a malformed owner URN is rejected", async () => {
    await expectCheck(
      sql`insert into credit_ledger (owner, delta, reason) values ('framecast:user:someone', 5, 'grant')`,
      "credit_ledger_owner_urn",
    );
  });

  it("credit_ledger_delta_nonzero: a zero delta is rejected", async () => {
    const s = await createStarter(sql);
    await expectCheck(
      sql`insert into credit_ledger (owner, delta, reason) values (${s.urn}, 0, 'adjustment')`,
      "credit_ledger_delta_nonzero",
    );
  });

  it("credit_ledger_charge_negative: a job_charge with a positive delta is rejected", async () => {
    const s = await createStarter(sql);
    await expectCheck(
      sql`insert into credit_ledger (owner, delta, reason) values (${s.urn}, 5, 'job_charge')`,
      "credit_ledger_charge_negative",
    );
  });

  it("credit_ledger_refund_positive: a job_refund with a negative delta is rejected", async () => {
    const s = await createStarter(sql);
    await expectCheck(
      sql`insert into credit_ledger (owner, delta, reason) values (${s.urn}, -5, 'job_refund')`,
      "credit_ledger_refund_positive",
    );
  });

  it("enum ledger_reason: an unknown reason is rejected", async () => {
    const s = await createStarter(sql);
    await expectEnum(sql`insert into credit_ledger (owner, delta, reason) values (${s.urn}, 5, 'bonus')`, "ledger_reason");
  });
});

describe("credit_ledger is append-only", () => {
  it("INV-LEDGER: updating a ledger row is rejected", async () => {
    const s = await createStarter(sql, { credits: 10 });
    await expectRule(sql`update credit_ledger set delta = 1000 where owner = ${s.urn}`, "INV-LEDGER");
    expect(await ledgerSum(s.urn)).toBe(10);
  });

  it("INV-LEDGER: deleting a ledger row is rejected", async () => {
    const s = await createStarter(sql, { credits: 10 });
    await expectRule(sql`delete from credit_ledger where owner = ${s.urn}`, "INV-LEDGER");
    expect(await ledgerSum(s.urn)).toBe(10);
  });

  it("credit_ledger keeps its history when the user is deleted (no FK)", async () => {
    const s = await createStarter(sql, { credits: 10 });
    await sql`delete from users where id = ${s.id}`;
    expect(await ledgerSum(s.urn)).toBe(10);
  });
});

describe("ledger = balance (checked at commit)", () => {
  it("INV-LEDGER: a starter created with credits 0 and no ledger rows is fine (passing example)", async () => {
    const s = await createStarter(sql);
    expect(await userCredits(s.id)).toBe(0);
  });

  it("INV-LEDGER: a user created with signup credits but no 'grant' row is rejected", async () => {
    await expectRule(sql`insert into users (id, email, credits) values (${uid()}, ${newEmail()}, 100)`, "INV-LEDGER");
  });

  it("INV-LEDGER: a user created with signup credits and the matching grant is accepted (passing example)", async () => {
    const s = await createStarter(sql, { credits: 100 });
    expect(await userCredits(s.id)).toBe(100);
    expect(await ledgerSum(s.urn)).toBe(100);
  });

  it("INV-LEDGER: changing users.credits without a ledger row is rejected at commit", async () => {
    const s = await createStarter(sql, { credits: 100 });
    const e = await expectRule(sql`update users set credits = credits - 10 where id = ${s.id}`, "INV-LEDGER");
    expect(e.message).toContain(`balance of ${s.urn} (90) differs from its ledger sum (100)`);
    expect(await userCredits(s.id)).toBe(100);
  });

  it("INV-LEDGER: a ledger row without the matching balance change is rejected at commit", async () => {
    const s = await createStarter(sql, { credits: 100 });
    await expectRule(
      sql`insert into credit_ledger (owner, delta, reason) values (${s.urn}, 50, 'adjustment')`,
      "INV-LEDGER",
    );
  });

  it("INV-LEDGER: a charge and its refund with matching balance changes commit (passing example)", async () => {
    const s = await createStarter(sql, { credits: 100 });
    const job = uid();
    await tx(sql, async (q) => {
      await q`update users set credits = credits - 30 where id = ${s.id}`;
      await q`insert into credit_ledger (owner, delta, reason, job_id, actor_id) values (${s.urn}, -30, 'job_charge', ${job}, ${s.id})`;
    });
    await tx(sql, async (q) => {
      await q`insert into credit_ledger (owner, delta, reason, job_id) values (${s.urn}, 30, 'job_refund', ${job})`;
      await q`update users set credits = credits + 30 where id = ${s.id}`;
    });
    expect(await userCredits(s.id)).toBe(100);
    expect(await ledgerSum(s.urn)).toBe(100);
  });

  it("INV-LEDGER: changing teams.credits without a ledger row is rejected at commit", async () => {
    const c = await createCreator(sql, { teamCredits: 50 });
    await expectRule(sql`update teams set credits = 0 where id = ${c.teamId}`, "INV-LEDGER");
  });

  it("INV-LEDGER: a team created with credits but no ledger row is rejected", async () => {
    const c = await createCreator(sql);
    await expectRule(
      tx(sql, async (q) => {
        const [t] = await q`insert into teams (name, slug, credits) values ('Rich', ${newSlug()}, 500) returning id`;
        await q`insert into memberships (team_id, user_id, role) values (${t!.id}, ${c.id}, 'owner')`;
      }),
      "INV-LEDGER",
    );
  });

  it("INV-LEDGER: membership-URN charges are paid from teams.credits (passing example)", async () => {
    const c = await createCreator(sql, { teamCredits: 50 });
    const m = await createMember(sql, c.teamId, "member");
    await tx(sql, async (q) => {
      await q`insert into credit_ledger (owner, delta, reason) values (${m.membershipUrn}, -20, 'job_charge')`;
      await q`update teams set credits = credits - 20 where id = ${c.teamId}`;
    });
    await tx(sql, async (q) => {
      await q`insert into credit_ledger (owner, delta, reason) values (${c.teamUrn}, -5, 'job_charge')`;
      await q`update teams set credits = credits - 5 where id = ${c.teamId}`;
    });
    const [t] = await sql`select credits from teams where id = ${c.teamId}`;
    expect(t!.credits).toBe(25);
  });

  it("INV-LEDGER: a membership-URN charge taken from the member's personal credits is rejected", async () => {
    const c = await createCreator(sql, { teamCredits: 50 });
    const m = await createMember(sql, c.teamId, "member");
    await tx(sql, async (q) => {
      await q`update users set credits = 40 where id = ${m.id}`;
      await q`insert into credit_ledger (owner, delta, reason) values (${m.urn}, 40, 'grant')`;
    });
    const e = await expectRule(
      tx(sql, async (q) => {
        await q`insert into credit_ledger (owner, delta, reason) values (${m.membershipUrn}, -10, 'job_charge')`;
        await q`update users set credits = credits - 10 where id = ${m.id}`;
      }),
      "INV-LEDGER",
    );
    expect(e.message).toContain(c.teamUrn);
  });

  it("INV-LEDGER: charges of a former member's membership URN still count for the team", async () => {
    const c = await createCreator(sql, { teamCredits: 50 });
    const m = await createMember(sql, c.teamId, "member");
    await tx(sql, async (q) => {
      await q`insert into credit_ledger (owner, delta, reason) values (${m.membershipUrn}, -20, 'job_charge')`;
      await q`update teams set credits = credits - 20 where id = ${c.teamId}`;
    });
    await sql`delete from memberships where team_id = ${c.teamId} and user_id = ${m.id}`;
    await tx(sql, async (q) => {
      await q`insert into credit_ledger (owner, delta, reason) values (${c.teamUrn}, 10, 'grant')`;
      await q`update teams set credits = credits + 10 where id = ${c.teamId}`;
    });
    // the team's balance is 50 - 20 + 10 = 40: a balance that ignored the former member's row (60) is caught
    const e = await expectRule(sql`update teams set credits = 60 where id = ${c.teamId}`, "INV-LEDGER");
    expect(e.message).toContain(`balance of ${c.teamUrn} (60) differs from its ledger sum (40)`);
    const [t] = await sql`select credits from teams where id = ${c.teamId}`;
    expect(t!.credits).toBe(40);
  });

  itConcurrent("U5 + INV-LEDGER (concurrency): parallel charges never overdraw a balance", async () => {
    const n = 12;
    const s = await createStarter(sql, { credits: 10 * (n / 2) });
    const pool = connect(n);
    try {
      const results = await Promise.allSettled(
        Array.from({ length: n }, () =>
          tx(pool, async (q) => {
            await q`update users set credits = credits - 10 where id = ${s.id}`;
            await q`insert into credit_ledger (owner, delta, reason) values (${s.urn}, -10, 'job_charge')`;
            await q`select pg_sleep(0.02)`;
          }),
        ),
      );
      expect(results.filter((r) => r.status === "fulfilled").length).toBe(n / 2);
      for (const r of results) if (r.status === "rejected") expect(r.reason.constraint_name).toBe("users_credits_nonneg");
      expect(await userCredits(s.id)).toBe(0);
      expect(await ledgerSum(s.urn)).toBe(0);
    } finally {
      await pool.end({ timeout: 5 });
    }
  });
});

describe("usage", () => {
  it("accepts a usage row (passing example)", async () => {
    const s = await createStarter(sql);
    await sql`insert into usage (owner, period, renders_count) values (${s.urn}, '2026-11', 3)`;
  });

  it("usage_owner_urn: a malformed owner URN is rejected", async () => {
    await expectCheck(sql`insert into usage (owner, period) values ('user:123', '2026-11')`, "usage_owner_urn");
  });

  it.each(["2026-13", "2026-00", "2026-1", "26-11", "2026/11"])(
    "usage_period_format: period %s is rejected",
    async (period) => {
      await expectCheck(sql`insert into usage (owner, period) values (${userUrn(uid())}, ${period})`, "usage_period_format");
    },
  );

  it.each(["renders_count", "render_seconds", "credits_used", "credits_refunded", "api_calls"])(
    "usage_counters_nonneg: a negative %s is rejected",
    async (column) => {
      await expectCheck(
        sql`insert into usage ${sql({ owner: userUrn(uid()), period: "2026-11", [column]: -1 })}`,
        "usage_counters_nonneg",
      );
    },
  );

  it("usage_owner_period_key: a second row for the same (owner, period) is rejected", async () => {
    const owner = userUrn(uid());
    await sql`insert into usage (owner, period) values (${owner}, '2026-10')`;
    await expectUnique(sql`insert into usage (owner, period) values (${owner}, '2026-10')`, "usage_owner_period_key");
  });
});

describe("outbox and rate limits", () => {
  it("outbox_name_format: an event name without a namespace is rejected", async () => {
    await sql`insert into outbox (name, payload) values ('framecast/job.created', '{}')`;
    await expectCheck(sql`insert into outbox (name, payload) values ('Job Created', '{}')`, "outbox_name_format");
  });

  it("outbox_attempts_nonneg: negative attempts are rejected", async () => {
    await expectCheck(
      sql`insert into outbox (name, payload, attempts) values ('framecast/job.created', '{}', -1)`,
      "outbox_attempts_nonneg",
    );
  });

  it("rate_limit_counters primary key: one counter per (bucket, window_start)", async () => {
    const bucket = `ip:${hex()}`;
    await sql`insert into rate_limit_counters (bucket, window_start) values (${bucket}, '2026-11-26T00:00:00Z')`;
    await expectUnique(
      sql`insert into rate_limit_counters (bucket, window_start) values (${bucket}, '2026-11-26T00:00:00Z')`,
      "rate_limit_counters_bucket_window_start_pk",
    );
  });
});

describe("updated_at is maintained on update", () => {
  const past = "now() - interval '1 hour'";
  // Each fixture inserts a row whose created_at / updated_at lie an hour in the past; returns its id.
  const fixtures: Record<string, () => Promise<string>> = {
    users: async () => {
      const id = uid();
      await sql`insert into users (id, email, created_at, updated_at)
                values (${id}, ${newEmail()}, ${sql.unsafe(past)}, ${sql.unsafe(past)})`;
      return id;
    },
    teams: async () => {
      const c = await createCreator(sql);
      const teamId = uid();
      await tx(sql, async (q) => {
        await q`insert into teams (id, name, slug, created_at, updated_at)
                values (${teamId}, 'Old', ${newSlug()}, ${sql.unsafe(past)}, ${sql.unsafe(past)})`;
        await q`insert into memberships (team_id, user_id, role) values (${teamId}, ${c.id}, 'owner')`;
      });
      return teamId;
    },
    projects: async () => {
      const c = await createCreator(sql);
      const [p] = await sql`insert into projects (team_id, name, created_at, updated_at)
                            values (${c.teamId}, 'P', ${sql.unsafe(past)}, ${sql.unsafe(past)}) returning id`;
      return p!.id;
    },
    jobs: async () => {
      const s = await createStarter(sql);
      const [j] = await sql`insert into jobs (owner, triggered_by, spec_snapshot, created_at, updated_at)
                            values (${s.urn}, ${s.id}, '{}', ${sql.unsafe(past)}, ${sql.unsafe(past)}) returning id`;
      return j!.id;
    },
    asset_files: async () => {
      const s = await createStarter(sql);
      const [a] = await sql`insert into asset_files (owner, filename, s3_key, content_type, size_bytes, created_at, updated_at)
                            values (${s.urn}, 'a.png', ${`a/${uid()}`}, 'image/png', 1, ${sql.unsafe(past)}, ${sql.unsafe(past)})
                            returning id`;
      return a!.id;
    },
    webhooks: async () => {
      const c = await createCreator(sql);
      const [w] = await sql`insert into webhooks (team_id, url, events, secret_encrypted, created_at, updated_at)
                            values (${c.teamId}, 'https://h.example.com', '{job.failed}', 'enc', ${sql.unsafe(past)}, ${sql.unsafe(past)})
                            returning id`;
      return w!.id;
    },
    usage: async () => {
      const [u] = await sql`insert into usage (owner, period, updated_at)
                            values (${userUrn(uid())}, '2026-11', ${sql.unsafe(past)}) returning id`;
      return u!.id;
    },
  };

  it.each(Object.keys(fixtures))("updated_at trigger: an update of %s sets updated_at = now()", async (table) => {
    const id = await fixtures[table]!();
    const [row] = await sql`
      with before as (select updated_at from ${sql(table)} where id = ${id})
      update ${sql(table)} t set updated_at = t.updated_at where t.id = ${id}
      returning t.updated_at = now() as is_now, t.updated_at > (select updated_at from before) as moved`;
    expect(row).toEqual({ is_now: true, moved: true });
  });

  it("updated_at trigger: an explicit back-dated updated_at is overridden", async () => {
    const id = await fixtures.projects!();
    const [row] = await sql`update projects set name = 'Renamed', updated_at = '2000-01-01T00:00:00Z'
                            where id = ${id} returning updated_at = now() as is_now`;
    expect(row!.is_now).toBe(true);
  });

  it("updated_at trigger: cascaded set-null updates also refresh updated_at (jobs of a deleted project)", async () => {
    const c = await createCreator(sql);
    const projectId = await createProject(sql, c.teamId, c.id);
    const [j] = await sql`insert into jobs (owner, project_id, spec_snapshot, created_at, updated_at)
                          values (${c.teamUrn}, ${projectId}, '{}', ${sql.unsafe(past)}, ${sql.unsafe(past)}) returning id`;
    await sql`delete from projects where id = ${projectId}`;
    const [row] = await sql`select updated_at > created_at as moved from jobs where id = ${j!.id}`;
    expect(row!.moved).toBe(true);
  });
});
