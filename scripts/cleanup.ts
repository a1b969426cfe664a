/** `just cleanup`: deletes what the spec keeps only for a while. Safe to run often (e.g. hourly cron). */
import { sql } from "drizzle-orm";
import { purgeStaleUploads } from "@/lib/assets/service";
import { closeDb, db } from "@/lib/db/client";
import { ensureDatabase } from "./lib/database";
import { ensureStorage } from "./lib/embedded";

const database = await ensureDatabase();
const storage = await ensureStorage("the cleanup");
const tasks: [string, ReturnType<typeof sql>][] = [
  ["rate-limit windows older than 10 minutes", sql`delete from rate_limit_counters where window_start < now() - interval '10 minutes'`],
  ["job events older than 7 days", sql`delete from job_events where created_at < now() - interval '7 days'`],
  ["webhook deliveries older than 30 days", sql`delete from webhook_deliveries where created_at < now() - interval '30 days'`],
  ["sent outbox events older than 7 days", sql`delete from outbox where sent_at < now() - interval '7 days'`],
  ["API keys revoked more than 30 days ago", sql`delete from api_keys where revoked_at < now() - interval '30 days'`],
  [
    "invitations expired more than 30 days ago (never answered)",
    sql`delete from invitations where expires_at < now() - interval '30 days' and accepted_at is null and declined_at is null`,
  ],
];
try {
  for (const [what, query] of tasks) {
    const res = await db().execute(query);
    process.stdout.write(`cleanup: ${res.count ?? 0} ${what}\n`);
  }
  process.stdout.write(`cleanup: ${await purgeStaleUploads(db())} asset uploads pending or failed for more than 24 hours\n`);
} finally {
  await closeDb();
  await storage.stop();
  await database.stop();
}
