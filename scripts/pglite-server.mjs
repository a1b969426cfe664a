#!/usr/bin/env node
/**
 * PGlite served over the Postgres wire protocol, for the embedded stack and tests.
 *
 * pglite-socket 0.2.17 queues each protocol message on its own, so with several connections the
 * extended-protocol messages of different clients interleave (client B's Bind lands on client A's
 * unnamed statement: `portal "" does not exist`, wrong results, or a stuck queue), and a failed
 * message leaves its queue stuck. PGlite has a single session, so this server keeps one client's
 * unit of work together: from its first message up to a Sync / simple Query, and for as long as
 * that client has a transaction open. Usage: pglite-server.mjs --db=DIR|memory:// --port=N [--max-connections=N]
 */
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "memory://" },
    port: { type: "string", default: "54329" },
    host: { type: "string", default: "127.0.0.1" },
    "max-connections": { type: "string", default: "24" },
  },
});

// Parse, Bind, Describe, Execute, Close, Flush: a unit continues until Sync.
const CONTINUES_UNIT = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

function patchQueue(queue, db) {
  queue.owner = null;
  queue.processQueue = async function processQueue() {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        let index = 0;
        if (this.owner !== null) {
          index = this.queue.findIndex((m) => m.handlerId === this.owner);
          if (index === -1) break; // wait for the owner's next message
        }
        const item = this.queue.splice(index, 1)[0];
        let bytes = 0;
        try {
          await db.runExclusive(() =>
            db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (err) {
          this.owner = db.isInTransaction() ? item.handlerId : null;
          item.reject(err);
          continue;
        }
        this.owner = CONTINUES_UNIT.has(item.message[0]) || db.isInTransaction() ? item.handlerId : null;
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
  const clearTransactionIfNeeded = queue.clearTransactionIfNeeded.bind(queue);
  queue.clearTransactionIfNeeded = async (handlerId) => {
    if (queue.owner === handlerId) {
      queue.owner = null;
      if (db.isInTransaction()) await db.exec("ROLLBACK");
    }
    await clearTransactionIfNeeded(handlerId);
    await queue.processQueue();
  };
}

const db = await PGlite.create(values.db);
const server = new PGLiteSocketServer({
  db,
  port: Number(values.port),
  host: values.host,
  maxConnections: Number(values["max-connections"]),
});
patchQueue(server.queryQueue, db);
await server.start();
process.stdout.write(`PGlite listening on ${values.host}:${values.port} (${values.db})\n`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await server.stop().catch(() => undefined);
  await db.close().catch(() => undefined);
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
