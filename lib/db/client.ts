import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { PgDatabase } from "drizzle-orm/pg-core";
import type { PostgresJsQueryResultHKT } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { config } from "@/lib/config";
import * as schema from "@/drizzle/schema";

export type Schema = typeof schema;
export type Db = PostgresJsDatabase<Schema> & { $client: postgres.Sql };
/** A database handle or an open transaction: every service and query takes one first. */
export type DbOrTx = PgDatabase<PostgresJsQueryResultHKT, Schema>;

export function createDb(url: string, max = 8): Db {
  const client = postgres(url, {
    max,
    onnotice: () => {},
    idle_timeout: 30,
    connect_timeout: 10,
    // PGlite's wire server and poolers (pgbouncer/Supavisor) are happier without named statements.
    prepare: false,
  });
  return drizzle(client, { schema, casing: undefined }) as Db;
}

const globalForDb = globalThis as unknown as { framecastDb?: Db };

/** The process-wide pool (kept across Next dev hot reloads). */
export function db(): Db {
  globalForDb.framecastDb ??= createDb(config().DATABASE_URL, config().DATABASE_POOL_MAX);
  return globalForDb.framecastDb;
}

export async function closeDb(): Promise<void> {
  const current = globalForDb.framecastDb;
  globalForDb.framecastDb = undefined;
  await current?.$client.end({ timeout: 5 });
}

export { schema };
