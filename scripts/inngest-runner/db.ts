/**
 * The runner's own tables in schema `inngest_local`, created on start. Works against PGlite's
 * socket server too, where an open transaction blocks every other connection: every transaction
 * here is a few statements long and none spans an HTTP call.
 */
import postgres from "postgres";

export type Sql = postgres.Sql;
/** A pool or an open transaction. */
export type Q = postgres.ISql;

const DDL = [
  `create schema if not exists inngest_local`,
  `create table if not exists inngest_local.functions (
     id text primary key,
     app text not null,
     url text not null,
     config jsonb not null,
     updated_at timestamptz not null default now())`,
  `create table if not exists inngest_local.events (
     seq bigserial primary key,
     id text not null unique,
     dedupe_key text unique,
     name text not null,
     payload jsonb not null,
     received_at timestamptz not null,
     processed_at timestamptz)`,
  `create index if not exists events_pending on inngest_local.events (seq) where processed_at is null`,
  `create table if not exists inngest_local.runs (
     id text primary key,
     function_id text not null,
     event_id text not null,
     event jsonb not null,
     status text not null,
     output jsonb,
     error jsonb,
     cancel_reason text,
     concurrency jsonb not null default '[]',
     idempotency_key text,
     version int not null default 2,
     created_at timestamptz not null,
     started_at timestamptz,
     ended_at timestamptz,
     start_deadline timestamptz,
     finish_deadline timestamptz)`,
  `create index if not exists runs_active on inngest_local.runs (function_id) where ended_at is null`,
  `create index if not exists runs_idempotency on inngest_local.runs (function_id, idempotency_key) where idempotency_key is not null`,
  `create table if not exists inngest_local.steps (
     run_id text not null references inngest_local.runs (id) on delete cascade,
     id text not null,
     seq bigserial,
     name text,
     result jsonb not null,
     primary key (run_id, id))`,
  `create table if not exists inngest_local.queue (
     id bigserial primary key,
     run_id text not null references inngest_local.runs (id) on delete cascade,
     kind text not null,
     step_id text not null,
     attempt int not null default 0,
     failures int not null default 0,
     due_at timestamptz not null,
     wait_event text,
     op jsonb,
     created_at timestamptz not null,
     unique (run_id, step_id))`,
  `create index if not exists queue_due on inngest_local.queue (kind, due_at)`,
  // When each step's result was saved: for inspection and the render benchmark's breakdown.
  `alter table inngest_local.steps add column if not exists saved_at timestamptz`,
  `create index if not exists queue_waits on inngest_local.queue (wait_event) where kind = 'wait'`,
];

export function connect(url: string): Sql {
  return postgres(url, { max: 3, prepare: false, onnotice: () => {}, idle_timeout: 30, connect_timeout: 10 });
}

export async function migrate(sql: Sql): Promise<void> {
  for (const statement of DDL) await sql.unsafe(statement);
}

/** A jsonb parameter (undefined is stored as JSON null). */
export const json = (q: Q, value: unknown) => q.json((value ?? null) as postgres.JSONValue);
