/**
 * Database rules for jobs and job_events (spec part 1 §3 jobs, §4 job state machine, §5 J2–J12):
 * CHECKs, the one-active-job-per-project index (with a concurrency test), idempotency keys,
 * J11 (project jobs are owned by the project's team URN), FK rules and gap-free event sequences.
 */
import { afterAll, describe, expect, it } from "vitest";
import { itConcurrent } from "../helpers/concurrency";
import {
  connect,
  createCreator,
  createJob,
  createMember,
  createProject,
  createStarter,
  expectCheck,
  expectEnum,
  expectForeignKey,
  expectRule,
  expectUnique,
  pgError,
  tx,
  uid,
  type Creator,
} from "./helpers";

const sql = connect();
afterAll(() => sql.end({ timeout: 5 }));

type Value = string | number | null | Date;
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000);

/** Inserts a job of `c` (personal by default) with the given columns. */
const insertJob = (c: { id: string; urn: string }, cols: Record<string, Value> = {}) =>
  sql<{ id: string }[]>`insert into jobs ${sql({
    owner: c.urn,
    triggered_by: c.id,
    spec_snapshot: '{"scenes":[]}',
    ...cols,
  })} returning id`;

async function creatorWithProject(): Promise<Creator & { projectId: string }> {
  const c = await createCreator(sql);
  return { ...c, projectId: await createProject(sql, c.teamId, c.id) };
}

describe("jobs CHECK constraints", () => {
  it("accepts consistent jobs in every status (passing example)", async () => {
    const s = await createStarter(sql);
    for (const status of ["queued", "processing", "completed", "failed", "canceled"]) {
      await createJob(sql, { owner: s.urn, triggeredBy: s.id, status });
    }
  });

  it("jobs_owner_urn: a malformed owner URN is rejected", async () => {
    const s = await createStarter(sql);
    await expectCheck(insertJob(s, { owner: "framecast:user:alice" }), "jobs_owner_urn");
  });

  it("jobs_project_team_owner (J11): a project job with a personal owner URN is rejected", async () => {
    const c = await creatorWithProject();
    await expectCheck(insertJob(c, { project_id: c.projectId }), "jobs_project_team_owner");
    await expectCheck(insertJob(c, { project_id: c.projectId, owner: c.membershipUrn }), "jobs_project_team_owner");
  });

  it("J2: a terminal job without completed_at is rejected (jobs_terminal_completed_at)", async () => {
    const s = await createStarter(sql);
    await expectCheck(
      insertJob(s, { status: "completed", output: '{"url":"x"}' }),
      "jobs_terminal_completed_at",
    );
  });

  it("J2: a queued job with completed_at is rejected (jobs_terminal_completed_at)", async () => {
    const s = await createStarter(sql);
    await expectCheck(insertJob(s, { completed_at: hoursFromNow(1) }), "jobs_terminal_completed_at");
  });

  it("J2: completed_at before created_at is rejected (jobs_completed_after_created)", async () => {
    const s = await createStarter(sql);
    await expectCheck(
      insertJob(s, { status: "completed", output: '{"url":"x"}', completed_at: hoursFromNow(-1) }),
      "jobs_completed_after_created",
    );
  });

  it("time: started_at before created_at is rejected (jobs_started_after_created)", async () => {
    const s = await createStarter(sql);
    await expectCheck(insertJob(s, { status: "processing", started_at: hoursFromNow(-1) }), "jobs_started_after_created");
  });

  it("time: completed_at before started_at is rejected (jobs_completed_after_started)", async () => {
    const s = await createStarter(sql);
    await expectCheck(
      insertJob(s, { status: "completed", output: '{"url":"x"}', started_at: hoursFromNow(2), completed_at: hoursFromNow(1) }),
      "jobs_completed_after_started",
    );
  });

  it("J3: a processing job without started_at is rejected (jobs_processing_started)", async () => {
    const s = await createStarter(sql);
    const [j] = await insertJob(s);
    await expectCheck(sql`update jobs set status = 'processing' where id = ${j!.id}`, "jobs_processing_started");
  });

  it("J4: a completed job without output is rejected (jobs_completed_output)", async () => {
    const s = await createStarter(sql);
    const id = await createJob(sql, { owner: s.urn, triggeredBy: s.id, status: "processing" });
    await expectCheck(
      sql`update jobs set status = 'completed', completed_at = now() where id = ${id}`,
      "jobs_completed_output",
    );
  });

  it("J5: a failed job without error is rejected (jobs_failed_error)", async () => {
    const s = await createStarter(sql);
    const id = await createJob(sql, { owner: s.urn, triggeredBy: s.id, status: "processing" });
    await expectCheck(
      sql`update jobs set status = 'failed', completed_at = now(), failure_type = 'system' where id = ${id}`,
      "jobs_failed_error",
    );
  });

  it("J6: a failed job without failure_type is rejected (jobs_failure_type_iff_failed)", async () => {
    const s = await createStarter(sql);
    const id = await createJob(sql, { owner: s.urn, triggeredBy: s.id, status: "processing" });
    await expectCheck(
      sql`update jobs set status = 'failed', completed_at = now(), error = '{"code":"E"}' where id = ${id}`,
      "jobs_failure_type_iff_failed",
    );
  });

  it("J7: a completed job with a failure_type is rejected (jobs_failure_type_iff_failed)", async () => {
    const s = await createStarter(sql);
    await expectCheck(
      insertJob(s, { status: "completed", output: '{"url":"x"}', completed_at: hoursFromNow(0.01), failure_type: "system" }),
      "jobs_failure_type_iff_failed",
    );
  });

  it("J6: a canceled job must have failure_type 'canceled' (jobs_canceled_failure_type)", async () => {
    const s = await createStarter(sql);
    await expectCheck(
      insertJob(s, { status: "canceled", completed_at: hoursFromNow(0.01), failure_type: "timeout" }),
      "jobs_canceled_failure_type",
    );
  });

  it("J8: credits_refunded greater than credits_charged is rejected (jobs_credits_valid)", async () => {
    const s = await createStarter(sql);
    await expectCheck(insertJob(s, { credits_charged: 3, credits_refunded: 5 }), "jobs_credits_valid");
  });

  it("J8: negative credits are rejected (jobs_credits_valid)", async () => {
    const s = await createStarter(sql);
    await expectCheck(insertJob(s, { credits_charged: -1 }), "jobs_credits_valid");
    await expectCheck(insertJob(s, { credits_charged: 1, credits_refunded: -1 }), "jobs_credits_valid");
  });

  it("jobs_output_size_nonneg: a negative output size is rejected", async () => {
    const s = await createStarter(sql);
    await expectCheck(insertJob(s, { output_size_bytes: -1 }), "jobs_output_size_nonneg");
  });

  it("jobs_idempotency_key_len: an empty or over-long idempotency key is rejected", async () => {
    const s = await createStarter(sql);
    await expectCheck(insertJob(s, { idempotency_key: "" }), "jobs_idempotency_key_len");
    await expectCheck(insertJob(s, { idempotency_key: "k".repeat(256) }), "jobs_idempotency_key_len");
  });

  it("jobs_updated_after_created: updated_at before created_at is rejected", async () => {
    const s = await createStarter(sql);
    await expectCheck(insertJob(s, { updated_at: hoursFromNow(-1) }), "jobs_updated_after_created");
  });

  it("enum job_status: an unknown status is rejected", async () => {
    const s = await createStarter(sql);
    await expectEnum(insertJob(s, { status: "running" }), "job_status");
  });

  it("enum failure_type: an unknown failure type is rejected", async () => {
    const s = await createStarter(sql);
    await expectEnum(insertJob(s, { failure_type: "oops" }), "failure_type");
  });
});

describe("J12: at most one active job per project", () => {
  it("J12: a second queued job for the same project is rejected (jobs_one_active_per_project)", async () => {
    const c = await creatorWithProject();
    await createJob(sql, { owner: c.teamUrn, triggeredBy: c.id, projectId: c.projectId });
    await expectUnique(
      insertJob(c, { owner: c.teamUrn, project_id: c.projectId }),
      "jobs_one_active_per_project",
    );
  });

  it("J12: a processing job also counts as active", async () => {
    const c = await creatorWithProject();
    await createJob(sql, { owner: c.teamUrn, triggeredBy: c.id, projectId: c.projectId, status: "processing" });
    await expectUnique(insertJob(c, { owner: c.teamUrn, project_id: c.projectId }), "jobs_one_active_per_project");
  });

  it("J12: terminal jobs do not block a new active job; ephemeral jobs are not limited (passing example)", async () => {
    const c = await creatorWithProject();
    for (const status of ["completed", "failed", "canceled"]) {
      await createJob(sql, { owner: c.teamUrn, triggeredBy: c.id, projectId: c.projectId, status });
    }
    await createJob(sql, { owner: c.teamUrn, triggeredBy: c.id, projectId: c.projectId });
    await createJob(sql, { owner: c.teamUrn, triggeredBy: c.id });
    await createJob(sql, { owner: c.teamUrn, triggeredBy: c.id });
  });

  it("J12: re-activating a terminal job while another is active is rejected", async () => {
    const c = await creatorWithProject();
    const old = await createJob(sql, { owner: c.teamUrn, triggeredBy: c.id, projectId: c.projectId, status: "failed" });
    await createJob(sql, { owner: c.teamUrn, triggeredBy: c.id, projectId: c.projectId });
    await expectUnique(
      sql`update jobs set status = 'queued', completed_at = null, failure_type = null, error = null where id = ${old}`,
      "jobs_one_active_per_project",
    );
  });

  itConcurrent("J12 (concurrency): parallel transactions each inserting an active job for one project → exactly 1 succeeds", async () => {
    const c = await creatorWithProject();
    // 20 connections on a real server; PGlite shares one database between all test files and
    // serialises transactions, so fewer there.
    const n = 20;
    const pool = connect(n);
    try {
      const results = await Promise.allSettled(
        Array.from({ length: n }, () =>
          tx(pool, async (q) => {
            await q`insert into jobs (owner, triggered_by, project_id, spec_snapshot)
                    values (${c.teamUrn}, ${c.id}, ${c.projectId}, '{}'::jsonb)`;
            await q`select pg_sleep(0.05)`; // hold the transaction open so the others overlap it
          }),
        ),
      );
      const ok = results.filter((r) => r.status === "fulfilled");
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(ok.length).toBe(1);
      expect(new Set(failed.map((r) => `${r.reason.code} ${r.reason.constraint_name}`))).toEqual(
        new Set(["23505 jobs_one_active_per_project"]),
      );
      const [row] = await sql`select count(*)::int as n from jobs where project_id = ${c.projectId}`;
      expect(row!.n).toBe(1);
    } finally {
      await pool.end({ timeout: 5 });
    }
  });
});

describe("idempotency keys", () => {
  it("jobs_idempotency_key: the same (triggered_by, idempotency_key) twice is rejected", async () => {
    const s = await createStarter(sql);
    await insertJob(s, { idempotency_key: "req-1" });
    await expectUnique(insertJob(s, { idempotency_key: "req-1" }), "jobs_idempotency_key");
  });

  it("jobs_idempotency_key: the same key for another user, and jobs without a key, are accepted (passing example)", async () => {
    const a = await createStarter(sql);
    const b = await createStarter(sql);
    await insertJob(a, { idempotency_key: "req-1" });
    await insertJob(b, { idempotency_key: "req-1" });
    await insertJob(a);
    await insertJob(a);
  });
});

describe("J11: project jobs are owned by the project's team URN", () => {
  it("J11: a project job owned by another team's URN is rejected", async () => {
    const c = await creatorWithProject();
    const other = await createCreator(sql);
    await expectRule(insertJob(c, { owner: other.teamUrn, project_id: c.projectId }), "INV-J11");
  });

  it("J11: moving a job to a project of another team is rejected", async () => {
    const c = await creatorWithProject();
    const other = await creatorWithProject();
    const id = await createJob(sql, { owner: c.teamUrn, triggeredBy: c.id, projectId: c.projectId, status: "completed" });
    await expectRule(sql`update jobs set project_id = ${other.projectId} where id = ${id}`, "INV-J11");
  });

  it("J11: a project job owned by the project's team URN is accepted (passing example)", async () => {
    const c = await creatorWithProject();
    const m = await createMember(sql, c.teamId, "member");
    await createJob(sql, { owner: c.teamUrn, triggeredBy: m.id, projectId: c.projectId });
  });
});

describe("jobs foreign keys", () => {
  it("jobs FK: an unknown project is rejected", async () => {
    const c = await createCreator(sql);
    await expectForeignKey(insertJob(c, { owner: c.teamUrn, project_id: uid() }), "jobs_project_id_projects_id_fk");
  });

  it("jobs FK set null: deleting the project keeps its jobs as ephemeral jobs", async () => {
    const c = await creatorWithProject();
    const id = await createJob(sql, { owner: c.teamUrn, triggeredBy: c.id, projectId: c.projectId });
    await sql`delete from projects where id = ${c.projectId}`;
    const [row] = await sql`select project_id, owner from jobs where id = ${id}`;
    expect(row).toEqual({ project_id: null, owner: c.teamUrn });
  });

  it("jobs FK set null: deleting the user clears triggered_by and canceled_by", async () => {
    const c = await createCreator(sql);
    const m = await createMember(sql, c.teamId, "member");
    const id = await createJob(sql, { owner: m.membershipUrn, triggeredBy: m.id, status: "canceled" });
    await sql`update jobs set canceled_by = ${m.id} where id = ${id}`;
    await sql`delete from users where id = ${m.id}`;
    const [row] = await sql`select triggered_by, canceled_by from jobs where id = ${id}`;
    expect(row).toEqual({ triggered_by: null, canceled_by: null });
  });

  it("jobs FK cascade: deleting a job deletes its events; webhook deliveries keep a null job_id", async () => {
    const c = await createCreator(sql);
    const id = await createJob(sql, { owner: c.teamUrn, triggeredBy: c.id });
    await sql`insert into job_events (job_id, sequence, event_type) values (${id}, 1, 'queued')`;
    const [wh] = await sql`insert into webhooks (team_id, url, events, secret_encrypted)
                           values (${c.teamId}, 'https://h.example.com', '{job.queued}', 'enc') returning id`;
    const [d] = await sql`insert into webhook_deliveries (webhook_id, job_id, event_type, payload)
                          values (${wh!.id}, ${id}, 'job.queued', '{}') returning id`;
    await sql`delete from jobs where id = ${id}`;
    expect((await sql`select 1 from job_events where job_id = ${id}`).length).toBe(0);
    const [row] = await sql`select job_id from webhook_deliveries where id = ${d!.id}`;
    expect(row!.job_id).toBeNull();
  });
});

describe("job_events", () => {
  const event = (jobId: string, sequence: number, type = "progress") =>
    sql`insert into job_events (job_id, sequence, event_type) values (${jobId}, ${sequence}, ${type})`;

  it("job_events: sequences 1, 2, 3 are accepted (passing example)", async () => {
    const s = await createStarter(sql);
    const id = await createJob(sql, { owner: s.urn, triggeredBy: s.id });
    await event(id, 1, "queued");
    await event(id, 2, "started");
    await event(id, 3, "progress");
    const rows = await sql`select sequence::int from job_events where job_id = ${id} order by sequence`;
    expect(rows.map((r) => r.sequence)).toEqual([1, 2, 3]);
  });

  it("job_events gap-free: the first event must have sequence 1", async () => {
    const s = await createStarter(sql);
    const id = await createJob(sql, { owner: s.urn, triggeredBy: s.id });
    await expectRule(event(id, 2), "INV-EVENT-SEQ");
  });

  it("job_events gap-free: skipping a sequence number is rejected", async () => {
    const s = await createStarter(sql);
    const id = await createJob(sql, { owner: s.urn, triggeredBy: s.id });
    await event(id, 1, "queued");
    await event(id, 2, "started");
    await expectRule(event(id, 4), "INV-EVENT-SEQ");
  });

  it("job_events gap-free: repeating a sequence number is rejected", async () => {
    const s = await createStarter(sql);
    const id = await createJob(sql, { owner: s.urn, triggeredBy: s.id });
    await event(id, 1, "queued");
    await event(id, 2, "started");
    await expectRule(event(id, 2), "INV-EVENT-SEQ");
  });

  itConcurrent("job_events gap-free: parallel writers of the next sequence → exactly one wins", async () => {
    const s = await createStarter(sql);
    const id = await createJob(sql, { owner: s.urn, triggeredBy: s.id });
    await event(id, 1, "queued");
    const n = 8;
    const pool = connect(n);
    try {
      const results = await Promise.allSettled(
        Array.from({ length: n }, () =>
          tx(pool, async (q) => {
            await q`insert into job_events (job_id, sequence, event_type) values (${id}, 2, 'progress')`;
            await q`select pg_sleep(0.02)`;
          }),
        ),
      );
      expect(results.filter((r) => r.status === "fulfilled").length).toBe(1);
      for (const r of results) if (r.status === "rejected") expect(r.reason.message).toContain("INV-EVENT-SEQ:");
    } finally {
      await pool.end({ timeout: 5 });
    }
  });

  it("job_events_job_sequence_key: the unique (job_id, sequence) index backs the trigger up", async () => {
    // The gap-free trigger rejects a repeated sequence before the index sees it, so the index is
    // shown with the trigger disabled inside a transaction that is rolled back (DDL is transactional).
    const s = await createStarter(sql);
    const id = await createJob(sql, { owner: s.urn, triggeredBy: s.id });
    await event(id, 1, "queued");
    await expectUnique(
      tx(sql, async (q) => {
        await q`alter table job_events disable trigger job_events_sequence`;
        await q`insert into job_events (job_id, sequence, event_type) values (${id}, 1, 'queued')`;
      }),
      "job_events_job_sequence_key",
    );
    const [row] = await sql`select tgenabled from pg_trigger where tgname = 'job_events_sequence'`;
    expect(row!.tgenabled).toBe("O");
  });

  it("job_events_sequence_positive: sequence 0 is rejected", async () => {
    const s = await createStarter(sql);
    const id = await createJob(sql, { owner: s.urn, triggeredBy: s.id });
    await expectCheck(event(id, 0), "job_events_sequence_positive");
  });

  it("enum job_event_type: an unknown event type is rejected", async () => {
    const s = await createStarter(sql);
    const id = await createJob(sql, { owner: s.urn, triggeredBy: s.id });
    await expectEnum(event(id, 1, "exploded"), "job_event_type");
  });

  it("job_events FK: an event of an unknown job is rejected", async () => {
    const e = await pgError(event(uid(), 1, "queued"));
    expect({ code: e.code, constraint: e.constraint_name }).toEqual({
      code: "23503",
      constraint: "job_events_job_id_jobs_id_fk",
    });
  });
});
