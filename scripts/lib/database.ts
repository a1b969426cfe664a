/**
 * Admin scripts use DATABASE_URL when set. Otherwise they use the embedded database: the running
 * `just dev` stack's if it is up, else they start PGlite on .data/postgres for the duration.
 */
import fs from "node:fs";
import path from "node:path";
import { isPortOpen, startPglite, type Service } from "./embedded";

export async function ensureDatabase(): Promise<{ stop: () => Promise<void> }> {
  if (fs.existsSync(".env")) process.loadEnvFile(".env");
  if (process.env.DATABASE_URL) return { stop: async () => {} };
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  let embedded: Service | undefined;
  if (!(await isPortOpen(port))) {
    embedded = await startPglite({ dir: path.resolve(process.env.DATA_DIR ?? ".data", "postgres"), port });
  }
  process.env.DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  return { stop: async () => embedded?.stop() };
}
