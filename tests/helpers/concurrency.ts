/**
 * Concurrency tests (races, invariants under simultaneous writers) prove something only on real
 * PostgreSQL. The embedded database (PGlite) runs one transaction at a time, so there a race
 * cannot happen and such a test would pass whatever the code does. On it they are skipped, with
 * the reason in the test's name and a note in the output; on PostgreSQL (CI runs both) they run.
 */
import { describe, inject, it } from "vitest";

export const onEmbeddedDatabase = (): boolean => inject("dbMode") === "embedded";

export const EMBEDDED_SKIP_REASON =
  "skipped on the embedded database: PGlite runs one transaction at a time, so no race can happen there — runs on PostgreSQL (TEST_DATABASE_URL)";

function note(name: string) {
  if (onEmbeddedDatabase()) console.info(`[concurrency test skipped] ${name} — ${EMBEDDED_SKIP_REASON}`);
  return onEmbeddedDatabase() ? `${name} [${EMBEDDED_SKIP_REASON}]` : name;
}

/** `it` for a concurrency test: skipped, visibly, on the embedded database. */
export function itConcurrent(name: string, fn: () => Promise<void>, timeout?: number): void {
  it.skipIf(onEmbeddedDatabase())(note(name), fn, timeout);
}

/** `describe` for a block of concurrency tests: skipped, visibly, on the embedded database. */
export function describeConcurrent(name: string, fn: () => void): void {
  describe.skipIf(onEmbeddedDatabase())(note(name), fn);
}
