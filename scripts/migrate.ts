/** `just migrate`: applies every pending migration to DATABASE_URL (or the embedded database). */
import { runMigrations } from "@/lib/db/migrate";
import { ensureDatabase } from "./lib/database";

const database = await ensureDatabase();
const url = process.env.DATABASE_URL!;
const started = Date.now();
try {
  await runMigrations(url);
  process.stdout.write(`migrations applied to ${new URL(url).host}${new URL(url).pathname} in ${Date.now() - started} ms\n`);
} finally {
  await database.stop();
}
