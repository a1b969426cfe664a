import type { DbOrTx } from "./client";

/**
 * Runs `fn` in a transaction. Inside an existing transaction it opens a savepoint, so services can
 * compose without caring whether the caller already began one.
 */
export function inTx<T>(dbOrTx: DbOrTx, fn: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return dbOrTx.transaction((tx) => fn(tx as unknown as DbOrTx));
}
