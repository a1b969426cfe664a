/**
 * Local Inngest runner — a DEVELOPMENT TOOL standing in for the Inngest dev server (inngest-cli
 * cannot be installed here). It receives the app's events (`inngest.send()` → `POST /e/:key`),
 * syncs the app's functions (`PUT <serve>` → `POST /fn/register`) and drives the app's real serve
 * endpoint the way Inngest does (inngest@4 wire protocol), with durable state in PostgreSQL
 * (schema `inngest_local`). Production uses Inngest Cloud unchanged, configured through
 * INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY / INNGEST_BASE_URL; this code is never deployed.
 *
 * The app must point its client here: INNGEST_DEV=1 and INNGEST_BASE_URL=<runner url>.
 * One runner per database: in-flight requests are tracked in memory.
 */
import type { AddressInfo } from "node:net";
import { connect, migrate } from "./db";
import { Dispatcher } from "./dispatcher";
import { Registry } from "./functions";
import { createLogger, type Logger } from "./log";
import { Scheduler } from "./scheduler";
import { createServer } from "./server";
import { AppSync } from "./sync";

export interface RunnerOptions {
  /** Port to listen on (0 = any free port). */
  port: number;
  /** The app's serve endpoint, e.g. http://localhost:3000/api/inngest. */
  serveUrl?: string;
  databaseUrl: string;
  log?: Logger;
  /** Interface to listen on; 127.0.0.1 by default. */
  host?: string;
  /** Step/function retry backoff base: base, 2×, 4× … (default 1000 ms; tests use less). */
  retryBaseMs?: number;
  /** Database poll interval (default 250 ms). */
  pollMs?: number;
  /** Sign requests for an app in cloud mode (INNGEST_SIGNING_KEY). */
  signingKey?: string;
}

export interface Runner {
  url: string;
  stop(): Promise<void>;
}

export async function startRunner(opts: RunnerOptions): Promise<Runner> {
  const log = opts.log ?? createLogger();
  const sql = connect(opts.databaseUrl);
  await migrate(sql);
  const registry = new Registry(sql, log);
  await registry.load();
  const sync = new AppSync(opts.serveUrl, log, 1000, opts.signingKey);
  const dispatcher: Dispatcher = new Dispatcher({
    sql, registry, log,
    serveUrl: () => opts.serveUrl,
    retryBaseMs: opts.retryBaseMs ?? 1000,
    signingKey: opts.signingKey,
    synced: () => sync.synced,
    onUnknownFunction: () => void sync.request().then(() => scheduler.wake()),
    onSettled: () => scheduler.wake(),
  });
  const scheduler: Scheduler = new Scheduler({ sql, registry, dispatcher, log, pollMs: opts.pollMs ?? 250, ready: () => sync.synced });
  const server = createServer({ sql, registry, log, wake: () => scheduler.wake(), onCancelled: (id) => dispatcher.abortRuns([id]) });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "127.0.0.1", resolve);
  }).catch(async (err: unknown) => {
    await sql.end({ timeout: 5 });
    throw err;
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
  scheduler.start();
  void sync.request().then(() => scheduler.wake());
  log.info({ url, serveUrl: opts.serveUrl }, "inngest runner listening");

  return {
    url,
    async stop() {
      sync.stop();
      const closed = new Promise((r) => server.close(r));
      server.closeAllConnections();
      await closed;
      await scheduler.stop();
      await dispatcher.stop();
      await sql.end({ timeout: 5 });
    },
  };
}

export type { Logger } from "./log";
