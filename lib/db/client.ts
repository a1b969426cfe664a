import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { PgDatabase } from "drizzle-orm/pg-core";
import type { PostgresJsQueryResultHKT } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { config } from "@/lib/config";
import * as schema from "@/drizzle/schema";
import { traceSqlClient, tracingActive } from "@/lib/ops/tracing";

export type Schema = typeof schema;
export type Db = PostgresJsDatabase<Schema> & { $client: postgres.Sql };
/** A database handle or an open transaction: every service and query takes one first. */
export type DbOrTx = PgDatabase<PostgresJsQueryResultHKT, Schema>;

export interface DbOptions {
  /** Named prepared statements; off behind a transaction pooler (config().preparedStatements). */
  prepare?: boolean;
}

export function createDb(url: string, max = 8, opts: DbOptions = {}): Db {
  const client = postgres(url, {
    max,
    onnotice: () => {},
    idle_timeout: 30,
    connect_timeout: 10,
    // A transaction pooler (Supabase's on port 6543, pgbouncer/Supavisor in transaction mode) hands each
    // transaction another server connection, where a named statement does not exist: prepare there is off.
    prepare: opts.prepare ?? false,
  });
  // With OTEL_EXPORTER_OTLP_ENDPOINT set, every query is a span.
  return drizzle(tracingActive() ? traceSqlClient(client) : client, { schema, casing: undefined }) as Db;
}

const globalForDb = globalThis as unknown as { framecastDb?: Db };

/** The process-wide pool (kept across Next dev hot reloads). */
export function db(): Db {
  const c = config();
  globalForDb.framecastDb ??= createDb(c.DATABASE_URL, c.DATABASE_POOL_MAX, { prepare: c.preparedStatements });
  return globalForDb.framecastDb;
}

export async function closeDb(): Promise<void> {
  const current = globalForDb.framecastDb;
  globalForDb.framecastDb = undefined;
  await current?.$client.end({ timeout: 5 });
}

export { schema };
