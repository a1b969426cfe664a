/**
 * CLI for the local Inngest runner (a development tool; see index.ts):
 *   tsx scripts/inngest-runner/main.ts
 * Env: INNGEST_RUNNER_PORT (8288), INNGEST_SERVE_URL (the app's /api/inngest), DATABASE_URL,
 * INNGEST_RUNNER_RETRY_BASE_MS (1000), INNGEST_SIGNING_KEY (optional), LOG_LEVEL (warn).
 */
import { createLogger, errorMessage } from "./log";
import { startRunner } from "./index";

const env = process.env;
const log = createLogger();

async function main() {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is required (the runner keeps its state in PostgreSQL)");
  const runner = await startRunner({
    port: Number(env.INNGEST_RUNNER_PORT ?? 8288),
    host: env.INNGEST_RUNNER_HOST,
    serveUrl: env.INNGEST_SERVE_URL || undefined,
    databaseUrl: env.DATABASE_URL,
    retryBaseMs: env.INNGEST_RUNNER_RETRY_BASE_MS ? Number(env.INNGEST_RUNNER_RETRY_BASE_MS) : undefined,
    signingKey: env.INNGEST_SIGNING_KEY || undefined,
    log,
  });
  process.stdout.write(`[inngest-runner] listening on ${runner.url} (app: ${env.INNGEST_SERVE_URL ?? "not set"})\n`);
  const shutdown = () => void runner.stop().then(() => process.exit(0));
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((err: unknown) => {
  log.error({ err: errorMessage(err) }, "inngest runner failed to start");
  process.exit(1);
});
