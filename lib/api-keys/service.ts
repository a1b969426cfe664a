import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { apiKeys } from "@/drizzle/schema";
import type { Principal } from "@/lib/auth/principal";
import { STARTER_SCOPES, type Scope } from "@/lib/auth/scopes";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { afterCursor, decodeCursor, page } from "@/lib/http/pagination";
import { userUrn } from "@/lib/urn";
import { ownerAccess } from "@/lib/urn/access";
import { generateApiKey } from "./keys";
import { toApiKeyResponse, type ApiKeyRow, type CreateApiKeyInput } from "./schemas";

function assertScopesAllowed(principal: Principal, scopes: Scope[]) {
  if (principal.user.tier === "starter") {
    const denied = scopes.filter((s) => !STARTER_SCOPES.has(s));
    if (denied.length) {
      throw new AppError("FORBIDDEN", `Starter accounts cannot hold these scopes: ${denied.join(", ")}.`, {
        scopes: denied,
        allowed: [...STARTER_SCOPES],
      });
    }
  }
  // A key can mint keys, but never with more than it holds itself.
  const held = principal.apiKey?.scopes;
  if (held && !held.includes("*")) {
    const extra = scopes.filter((s) => s === "*" || !held.includes(s));
    if (extra.length) throw AppError.forbidden(`This API key cannot grant scopes it does not hold: ${extra.join(", ")}.`);
  }
}

async function assertOwnerAllowed(db: DbOrTx, principal: Principal, owner: string) {
  if (principal.apiKey && principal.apiKey.owner !== owner) {
    throw AppError.forbidden("A key authenticated with an API key can only create keys for that key's owner.");
  }
  const access = await ownerAccess(db, principal.user, owner);
  if (!access.ok) throw AppError.forbidden(access.reason);
  if (access.role === "viewer") throw AppError.forbidden("Viewers cannot create team-owned keys.");
}

export async function createApiKey(db: DbOrTx, principal: Principal, input: CreateApiKeyInput) {
  const owner = input.owner ?? principal.apiKey?.owner ?? userUrn(principal.user.id);
  const scopes = [...new Set(input.scopes)];
  assertScopesAllowed(principal, scopes);
  await assertOwnerAllowed(db, principal, owner);
  const expiresAt = input.expires_at ? new Date(input.expires_at) : null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw AppError.validation([{ path: "expires_at", message: "Must be in the future.", value: input.expires_at }]);
  }
  const key = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({
      userId: principal.user.id,
      owner,
      name: input.name,
      keyPrefix: key.prefix,
      keyHash: key.hash,
      scopes,
      expiresAt,
    })
    .returning();
  return { api_key: toApiKeyResponse(row!), raw_key: key.raw };
}

export async function listApiKeys(db: DbOrTx, principal: Principal, q: { limit: number; cursor?: string }) {
  const c = decodeCursor(q.cursor);
  const rows = await db
    .select()
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.userId, principal.user.id),
        afterCursor(c, apiKeys.createdAt, apiKeys.id),
      ),
    )
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(q.limit + 1);
  return page(rows, q.limit, toApiKeyResponse);
}

async function ownKey(db: DbOrTx, principal: Principal, id: string): Promise<ApiKeyRow> {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, principal.user.id)));
  if (!row) throw AppError.notFound("API key");
  return row;
}

export async function getApiKey(db: DbOrTx, principal: Principal, id: string) {
  return toApiKeyResponse(await ownKey(db, principal, id));
}

export async function renameApiKey(db: DbOrTx, principal: Principal, id: string, name: string) {
  await ownKey(db, principal, id);
  const [row] = await db.update(apiKeys).set({ name }).where(eq(apiKeys.id, id)).returning();
  return toApiKeyResponse(row!);
}

/** Revoking is idempotent: a revoked key stays revoked with its first revoked_at. */
export async function revokeApiKey(db: DbOrTx, principal: Principal, id: string): Promise<void> {
  await ownKey(db, principal, id);
  await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
}
