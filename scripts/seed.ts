/**
 * `just seed`: loads the system asset catalog (spec part 3 §5). Synthesizes the 42 sounds with
 * ffmpeg, uploads them to `system/<category>/<name>.ogg` in the system bucket and upserts their rows.
 * Safe to re-run: assets whose file and row are current are skipped. `tsx scripts/seed.ts --force`
 * redoes every file; extra arguments (asset ids) limit the run to those assets.
 *
 * Uses DATABASE_URL and S3_ENDPOINT when set. Otherwise the embedded stack: the running `just dev`
 * services when their ports answer (EMBEDDED_PG_PORT, EMBEDDED_S3_PORT), else it starts them on
 * DATA_DIR (.data) for the duration.
 */
import { closeDb, db } from "@/lib/db/client";
import { seedSummary, seedSystemAssets } from "@/lib/system-assets/seed";
import { ensureDatabase } from "./lib/database";
import { ensureStorage } from "./lib/embedded";

const args = process.argv.slice(2);
const force = args.includes("--force");
const only = args.filter((a) => !a.startsWith("--"));

const database = await ensureDatabase();
const storage = await ensureStorage("the seed");
try {
  const result = await seedSystemAssets(db(), {
    force,
    only: only.length ? only : undefined,
    onProgress: (line) => process.stdout.write(`  ${line}\n`),
  });
  process.stdout.write(`${seedSummary(result)}\n`);
} catch (err) {
  process.stderr.write(`seed failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await closeDb();
  await storage.stop();
  await database.stop();
}
