/**
 * The app image's `migrate` command (bundled to /app/migrate.mjs at build time with esbuild, so the
 * runtime image needs neither tsx nor drizzle-kit): applies every pending migration in
 * /app/drizzle/migrations to DIRECT_DATABASE_URL, or DATABASE_URL when that is unset.
 *
 *   docker run --rm --env-file .env framecast-app migrate
 *
 * Use the direct (session) connection for migrations: Supabase's transaction pooler (port 6543)
 * does not keep the session a migration needs.
 */
import { runMigrations } from "@/lib/db/migrate";

const url = process.env.DIRECT_DATABASE_URL || process.env.DATABASE_URL;
if (!url) {
  process.stderr.write("migrate: set DIRECT_DATABASE_URL (or DATABASE_URL)\n");
  process.exit(2);
}
const started = Date.now();
try {
  await runMigrations(url);
  const u = new URL(url);
  process.stdout.write(`migrations applied to ${u.host}${u.pathname} in ${Date.now() - started} ms\n`);
} catch (err) {
  process.stderr.write(`migrate failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
