/**
 * Graceful shutdown on SIGTERM (issue 9 item 5). `next start` (and the standalone server.js) already
 * stops accepting connections on SIGTERM and exits once the open requests have finished; what it
 * cannot know about is ours: event streams that would hold it open for up to 30 minutes, the database
 * pool, and a bound on the wait. So on SIGTERM:
 *   1. /readyz answers 503 (load balancers stop sending traffic);
 *   2. every job events stream gets a short `retry:` hint and ends: EventSource reconnects (with
 *      Last-Event-ID) and lands on another instance;
 *   3. once no request is in flight, or after DRAIN_DEADLINE_MS (25 s), the pools close;
 *   4. at the deadline the process exits (143) even if a request still runs.
 * In-flight requests are counted through Node's http diagnostics channel (no wrapper needed).
 */
import dc from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { closeDb } from "@/lib/db/client";
import { log } from "@/lib/log";
import { flushTraces } from "./tracing";

export const DRAIN_DEADLINE_MS = 25_000;
/** The `retry:` a stream ended by a shutdown sends: reconnect soon, to another instance. */
export const SHUTDOWN_RETRY_MS = 500;

interface ShutdownState {
  shuttingDown: boolean;
  inFlight: number;
  tracking: boolean;
  signalHooked: boolean;
  onDrained: Set<() => void>;
  hooks: Set<() => void>;
  done?: Promise<void>;
}

// Shared through globalThis: Next bundles instrumentation and each route separately.
const KEY = Symbol.for("framecast.shutdown");
const store = globalThis as unknown as Record<symbol, ShutdownState | undefined>;
const state = (): ShutdownState =>
  (store[KEY] ??= { shuttingDown: false, inFlight: 0, tracking: false, signalHooked: false, onDrained: new Set(), hooks: new Set() });

export const isShuttingDown = () => state().shuttingDown;
export const inFlightRequests = () => state().inFlight;

/** Runs `hook` when the shutdown starts (at once if it already has); returns the unregister function. */
export function onShutdown(hook: () => void): () => void {
  const s = state();
  if (s.shuttingDown) {
    hook();
    return () => {};
  }
  s.hooks.add(hook);
  return () => s.hooks.delete(hook);
}

/** Counts requests from arrival to the response's close (once per process). */
export function trackInFlightRequests(): void {
  const s = state();
  if (s.tracking) return;
  s.tracking = true;
  dc.subscribe("http.server.request.start", (message) => {
    const { response } = message as { request: IncomingMessage; response: ServerResponse };
    s.inFlight++;
    response.once("close", () => {
      s.inFlight--;
      if (s.inFlight === 0) for (const f of [...s.onDrained]) f();
    });
  });
}

function drained(deadline: Promise<void>): Promise<"drained" | "deadline"> {
  const s = state();
  if (s.inFlight <= 0) return Promise.resolve("drained");
  return Promise.race([
    new Promise<"drained">((resolve) => {
      const f = () => {
        s.onDrained.delete(f);
        resolve("drained");
      };
      s.onDrained.add(f);
    }),
    deadline.then(() => "deadline" as const),
  ]);
}

export interface ShutdownOptions {
  deadlineMs?: number;
  /** What to do when the deadline passes (the signal handler exits the process). */
  onDeadline?: () => void;
}

/** Starts the shutdown (idempotent); resolves once the requests drained (or the deadline passed) and the pools closed. */
export function beginShutdown(opts: ShutdownOptions = {}): Promise<void> {
  const s = state();
  if (s.done) return s.done;
  s.shuttingDown = true;
  const deadlineMs = opts.deadlineMs ?? DRAIN_DEADLINE_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, deadlineMs);
    timer.unref?.();
  });
  s.done = (async () => {
    log.info({ in_flight: s.inFlight, deadline_ms: deadlineMs }, "shutdown: draining");
    for (const hook of [...s.hooks]) {
      try {
        hook();
      } catch (err) {
        log.error({ err }, "shutdown: a hook failed");
      }
    }
    s.hooks.clear();
    const how = await drained(deadline);
    log.info({ how, in_flight: s.inFlight }, "shutdown: closing the database pool");
    await closeDb().catch((err: unknown) => log.error({ err }, "shutdown: closing the database pool failed"));
    await flushTraces().catch((err: unknown) => log.warn({ err }, "shutdown: flushing traces failed"));
    if (how === "deadline") opts.onDeadline?.();
    else {
      deadline.then(() => opts.onDeadline?.());
    }
  })();
  return s.done;
}

/** For tests: back to a running process. */
export function resetShutdownState(): void {
  const s = state();
  s.shuttingDown = false;
  s.done = undefined;
  s.hooks.clear();
  s.onDrained.clear();
}

/** Installs the SIGTERM handler (instrumentation.ts, Node runtime). Next's own handler closes the server. */
export function handleSigterm(): void {
  const s = state();
  if (s.signalHooked) return;
  s.signalHooked = true;
  trackInFlightRequests();
  process.once("SIGTERM", () => {
    void beginShutdown({
      onDeadline: () => {
        log.warn({ in_flight: s.inFlight }, "shutdown: deadline reached; exiting");
        process.exit(143);
      },
    });
  });
}
