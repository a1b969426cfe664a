/**
 * `just migrate`: applies every pending migration to DIRECT_DATABASE_URL when set (Supabase: not through
 * the transaction pooler), else DATABASE_URL (or the embedded database).
 */
import { migrationUrl, runMigrations } from "@/lib/db/migrate";
import { ensureDatabase } from "./lib/database";

const database = await ensureDatabase();
const url = migrationUrl(process.env)!;
const started = Date.now();
try {
  await runMigrations(url);
  process.stdout.write(`migrations applied to ${new URL(url).host}${new URL(url).pathname} in ${Date.now() - started} ms\n`);
} finally {
  await database.stop();
}
