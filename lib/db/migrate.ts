import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { createDb } from "./client";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle", "migrations");

/** Applies every pending migration to `url` (idempotent). */
export async function runMigrations(url: string): Promise<void> {
  const db = createDb(url, 1);
  try {
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await db.$client.end({ timeout: 5 });
  }
}
