/** `just migrate`: applies every pending migration to DATABASE_URL. */
import { runMigrations } from "@/lib/db/migrate";
import { config } from "@/lib/config";

const url = config().DATABASE_URL;
const started = Date.now();
await runMigrations(url);
process.stdout.write(`migrations applied to ${new URL(url).host}${new URL(url).pathname} in ${Date.now() - started} ms\n`);
