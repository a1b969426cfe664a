/**
 * Helpers for the database-rule tests: raw SQL through postgres.js against the per-file test
 * database (process.env.DATABASE_URL, set by tests/setup-file.ts). No service layer is involved.
 *
 * In embedded mode (PGlite) every test file shares one database, so fixtures always use fresh
 * random ids, emails and slugs and tests only look at their own rows.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import postgres from "postgres";
import { expect } from "vitest";

export type Sql = postgres.Sql;

/** A client for the test database. PGlite's wire server prefers unnamed statements. */
export function connect(max = 3): Sql {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (tests/setup-file.ts sets it)");
  return postgres(url, { max, prepare: false, onnotice: () => {}, idle_timeout: 5, connect_timeout: 30 });
}

/** Runs `fn` in a transaction (typed as a plain Sql: postgres.js' TransactionSql loses its call signature). */
export function tx<T>(sql: Sql, fn: (q: Sql) => Promise<T>): Promise<T> {
  return sql.begin((t) => fn(t as unknown as Sql)) as Promise<T>;
}

// ─── ids and values ──────────────────────────────────────────────────────────────────────────

export const uid = (): string => randomUUID();
export const hex = (bytes = 6): string => randomBytes(bytes).toString("hex");
export const newEmail = (): string => `u-${hex()}@test.framecast.dev`;
export const newSlug = (): string => `t-${hex()}`;
export const newKeyHash = (): string => createHash("sha256").update(randomBytes(16)).digest("hex");
export const json = (value: unknown): string => JSON.stringify(value);

export const userUrn = (userId: string) => `framecast:user:usr_${userId}`;
export const teamUrn = (teamId: string) => `framecast:team:tm_${teamId}`;
export const membershipUrn = (teamId: string, userId: string) => `framecast:tm_${teamId}:usr_${userId}`;

// ─── fixtures ────────────────────────────────────────────────────────────────────────────────

export interface Starter {
  id: string;
  email: string;
  urn: string;
}

export interface Creator extends Starter {
  teamId: string;
  teamUrn: string;
  membershipUrn: string;
}

/** T1: a starter (with a matching 'grant' ledger row when it starts with credits). */
export async function createStarter(sql: Sql, opts: { credits?: number; email?: string } = {}): Promise<Starter> {
  const id = uid();
  const email = opts.email ?? newEmail();
  const credits = opts.credits ?? 0;
  await tx(sql, async (q) => {
    await q`insert into users (id, email, credits) values (${id}, ${email}, ${credits})`;
    if (credits) await q`insert into credit_ledger (owner, delta, reason) values (${userUrn(id)}, ${credits}, 'grant')`;
  });
  return { id, email, urn: userUrn(id) };
}

/** T2 in one transaction: a creator, their team and the owner membership (optionally team credits). */
export async function createCreator(sql: Sql, opts: { teamCredits?: number; email?: string } = {}): Promise<Creator> {
  const id = uid();
  const teamId = uid();
  const email = opts.email ?? newEmail();
  const teamCredits = opts.teamCredits ?? 0;
  await tx(sql, async (q) => {
    await q`insert into users (id, email, tier, upgraded_at) values (${id}, ${email}, 'creator', now())`;
    await q`insert into teams (id, name, slug, credits) values (${teamId}, 'My Team', ${newSlug()}, ${teamCredits})`;
    await q`insert into memberships (team_id, user_id, role) values (${teamId}, ${id}, 'owner')`;
    if (teamCredits)
      await q`insert into credit_ledger (owner, delta, reason) values (${teamUrn(teamId)}, ${teamCredits}, 'grant')`;
  });
  return { id, email, urn: userUrn(id), teamId, teamUrn: teamUrn(teamId), membershipUrn: membershipUrn(teamId, id) };
}

/** A new creator whose (only) membership is `role` in an existing team (T3-like). */
export async function createMember(
  sql: Sql,
  teamId: string,
  role: "owner" | "admin" | "member" | "viewer" = "member",
): Promise<Starter & { membershipUrn: string }> {
  const id = uid();
  const email = newEmail();
  await tx(sql, async (q) => {
    await q`insert into users (id, email, tier, upgraded_at) values (${id}, ${email}, 'creator', now())`;
    await q`insert into memberships (team_id, user_id, role) values (${teamId}, ${id}, ${role})`;
  });
  return { id, email, urn: userUrn(id), membershipUrn: membershipUrn(teamId, id) };
}

/** `count` more teams owned by an existing creator, in one statement. Returns the team ids. */
export async function createOwnedTeams(sql: Sql, userId: string, count: number): Promise<string[]> {
  const prefix = newSlug();
  const rows = await sql<{ team_id: string }[]>`
    with t as (
      insert into teams (name, slug)
      select 'Team ' || g, ${prefix} || '-' || g from generate_series(1, ${count}::int) g
      returning id
    )
    insert into memberships (team_id, user_id, role)
    select t.id, ${userId}, 'owner' from t
    returning team_id`;
  return rows.map((r) => r.team_id);
}

export async function createProject(sql: Sql, teamId: string, createdBy: string | null = null): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into projects (team_id, created_by, name) values (${teamId}, ${createdBy}, 'Welcome to Framecast')
    returning id`;
  return row!.id;
}

export interface JobInput {
  owner: string;
  triggeredBy?: string | null;
  projectId?: string | null;
  status?: string;
}

/** A queued (or otherwise consistent) job; returns its id. */
export async function createJob(sql: Sql, j: JobInput): Promise<string> {
  const status = j.status ?? "queued";
  const started = status !== "queued";
  const terminal = ["completed", "failed", "canceled"].includes(status);
  const [row] = await sql<{ id: string }[]>`
    insert into jobs (owner, triggered_by, project_id, status, spec_snapshot, started_at, completed_at,
                      output, error, failure_type)
    values (${j.owner}, ${j.triggeredBy ?? null}, ${j.projectId ?? null}, ${status}, '{"scenes":[]}'::jsonb,
            ${started ? sql`now()` : null}, ${terminal ? sql`now()` : null},
            ${status === "completed" ? sql`'{"url":"s3://out.mp4"}'::jsonb` : null},
            ${status === "failed" ? sql`'{"code":"E","message":"boom"}'::jsonb` : null},
            ${status === "failed" ? "system" : status === "canceled" ? "canceled" : null})
    returning id`;
  return row!.id;
}

// ─── assertions ──────────────────────────────────────────────────────────────────────────────

export type PgError = postgres.PostgresError;

function isPgError(e: unknown): e is PgError {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "PostgresError";
}

/** Awaits `p` and returns the PostgreSQL error it failed with; fails the test if it succeeded. */
export async function pgError(p: Promise<unknown>): Promise<PgError> {
  try {
    await p;
  } catch (e) {
    if (isPgError(e)) return e;
    throw e;
  }
  throw new Error("expected the database to reject the write, but it was accepted");
}

/** A CHECK constraint violation (23514) of the named constraint. */
export async function expectCheck(p: Promise<unknown>, constraint: string): Promise<PgError> {
  const e = await pgError(p);
  expect({ code: e.code, constraint: e.constraint_name }).toEqual({ code: "23514", constraint });
  return e;
}

/** A unique violation (23505) of the named index. */
export async function expectUnique(p: Promise<unknown>, constraint: string): Promise<PgError> {
  const e = await pgError(p);
  expect({ code: e.code, constraint: e.constraint_name }).toEqual({ code: "23505", constraint });
  return e;
}

/** A foreign key violation (23503) of the named constraint. */
export async function expectForeignKey(p: Promise<unknown>, constraint: string): Promise<PgError> {
  const e = await pgError(p);
  expect({ code: e.code, constraint: e.constraint_name }).toEqual({ code: "23503", constraint });
  return e;
}

/** A value outside an enum (22P02 invalid_text_representation naming the enum type). */
export async function expectEnum(p: Promise<unknown>, enumType: string): Promise<PgError> {
  const e = await pgError(p);
  expect(e.code).toBe("22P02");
  expect(e.message).toContain(`enum ${enumType}`);
  return e;
}

/** A rule raised by a trigger of 0001_rules.sql: check_violation with the invariant id in the message. */
export async function expectRule(p: Promise<unknown>, ruleId: string): Promise<PgError> {
  const e = await pgError(p);
  expect(e.code).toBe("23514");
  expect(e.message).toContain(`${ruleId}:`);
  return e;
}

/** Resolves once `n` parties have called wait() (used to line transactions up before commit). */
export function barrier(n: number): { wait: () => Promise<void> } {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return {
    wait() {
      arrived += 1;
      if (arrived >= n) release();
      return all;
    },
  };
}
