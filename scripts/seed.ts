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
import path from "node:path";
import { closeDb, db } from "@/lib/db/client";
import { seedSummary, seedSystemAssets } from "@/lib/system-assets/seed";
import { ensureDatabase } from "./lib/database";
import { isPortOpen, startS3 } from "./lib/embedded";

const args = process.argv.slice(2);
const force = args.includes("--force");
const only = args.filter((a) => !a.startsWith("--"));

async function ensureStorage(): Promise<{ stop: () => Promise<void> }> {
  const env = process.env;
  if (env.S3_ENDPOINT) return { stop: async () => {} };
  const port = Number(env.EMBEDDED_S3_PORT ?? 4569);
  env.S3_ENDPOINT = `http://127.0.0.1:${port}`;
  env.S3_ACCESS_KEY_ID ??= "S3RVER";
  env.S3_SECRET_ACCESS_KEY ??= "S3RVER";
  if (await isPortOpen(port)) return { stop: async () => {} };
  const buckets = [env.S3_BUCKET_OUTPUTS ?? "framecast-outputs", env.S3_BUCKET_ASSETS ?? "framecast-assets"];
  if (env.S3_BUCKET_SYSTEM) buckets.push(env.S3_BUCKET_SYSTEM);
  process.stdout.write(`starting embedded S3 on 127.0.0.1:${port} for the seed\n`);
  return startS3({ dir: path.resolve(env.DATA_DIR ?? ".data", "s3"), port, buckets });
}

const database = await ensureDatabase();
const storage = await ensureStorage();
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
