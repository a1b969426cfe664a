import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { createDb } from "./client";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle", "migrations");

/**
 * The URL migrations run against: DIRECT_DATABASE_URL when set (Supabase: the direct connection or the
 * session pooler; DDL and the migrator's advisory lock need one server connection), else DATABASE_URL.
 */
export function migrationUrl(env: Record<string, string | undefined>): string | undefined {
  return env.DIRECT_DATABASE_URL || env.DATABASE_URL || undefined;
}

/** Applies every pending migration to `url` (idempotent). */
export async function runMigrations(url: string): Promise<void> {
  const db = createDb(url, 1);
  try {
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await db.$client.end({ timeout: 5 });
  }
}
