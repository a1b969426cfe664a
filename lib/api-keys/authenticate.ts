import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { apiKeys, users } from "@/drizzle/schema";
import type { UserRow } from "@/lib/accounts/schemas";
import type { DbOrTx } from "@/lib/db/client";
import { log } from "@/lib/log";
import { API_KEY_PATTERN, hashApiKey } from "./keys";

const TOUCH_INTERVAL_MS = 60_000;

/** Looks a raw key up by its SHA-256; valid ⇔ not revoked and not expired. */
export async function authenticateApiKey(
  db: DbOrTx,
  raw: string,
): Promise<{ user: UserRow; key: { id: string; owner: string; scopes: string[] } } | null> {
  if (!API_KEY_PATTERN.test(raw)) return null;
  const [row] = await db
    .select({ key: apiKeys, user: users })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(
      and(
        eq(apiKeys.keyHash, hashApiKey(raw)),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), sql`${apiKeys.expiresAt} > now()`),
      ),
    );
  if (!row) return null;
  if (!row.key.lastUsedAt || Date.now() - row.key.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    // At most about once a minute per key; the condition makes racing requests write once.
    db.update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(
        and(
          eq(apiKeys.id, row.key.id),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
        ),
      )
      .then(
        () => undefined,
        (err: unknown) => log.warn({ err, api_key_id: row.key.id }, "could not update last_used_at"),
      );
  }
  return { user: row.user, key: { id: row.key.id, owner: row.key.owner, scopes: row.key.scopes } };
}
