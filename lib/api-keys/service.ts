import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { apiKeys } from "@/drizzle/schema";
import { isAccountLevel, requireAccountLevel } from "@/lib/auth/account-guard";
import type { Principal } from "@/lib/auth/principal";
import { STARTER_SCOPES, type Scope } from "@/lib/auth/scopes";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { afterCursor, decodeCursor, page } from "@/lib/http/pagination";
import { userUrn } from "@/lib/urn";
import { ownerAccess } from "@/lib/urn/access";
import { generateApiKey } from "./keys";
import { toApiKeyResponse, type ApiKeyRow, type CreateApiKeyInput } from "./schemas";

const MANAGING = "Managing API keys";

function assertScopesAllowed(principal: Principal, scopes: Scope[]) {
  if (principal.user.tier !== "starter") return;
  const denied = scopes.filter((s) => !STARTER_SCOPES.has(s));
  if (denied.length) {
    throw new AppError("FORBIDDEN", `Starter accounts cannot hold these scopes: ${denied.join(", ")}.`, {
      scopes: denied,
      allowed: [...STARTER_SCOPES],
    });
  }
}

async function assertOwnerAllowed(db: DbOrTx, principal: Principal, owner: string) {
  if (principal.apiKey && principal.apiKey.owner !== owner) {
    throw AppError.forbidden("An API key can only create personal keys; create team keys from a signed-in session.");
  }
  const access = await ownerAccess(db, principal.user, owner);
  if (!access.ok) throw AppError.forbidden(access.reason);
  if (access.role === "viewer") throw AppError.forbidden("Viewers cannot create team-owned keys.");
}

export async function createApiKey(db: DbOrTx, principal: Principal, input: CreateApiKeyInput) {
  requireAccountLevel(principal, MANAGING);
  const owner = input.owner ?? userUrn(principal.user.id);
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
  requireAccountLevel(principal, MANAGING);
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

/** Any key may read itself; every other key of the user needs an account-level caller (else 404). */
export async function getApiKey(db: DbOrTx, principal: Principal, id: string) {
  if (!isAccountLevel(principal) && principal.apiKey?.id !== id) throw AppError.notFound("API key");
  return toApiKeyResponse(await ownKey(db, principal, id));
}

const revokedIsFinal = () => new AppError("INVALID_STATE", "This API key is revoked; a revoked key cannot be changed.");

/** Rename (`name` only). A revoked key is final: 409. */
export async function renameApiKey(db: DbOrTx, principal: Principal, id: string, name: string) {
  requireAccountLevel(principal, MANAGING);
  await ownKey(db, principal, id);
  const [row] = await db
    .update(apiKeys)
    .set({ name })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  if (!row) throw revokedIsFinal();
  return toApiKeyResponse(row);
}

/** Revoke once: revoking a revoked key is 409 (and of two racing revokes, one wins). */
export async function revokeApiKey(db: DbOrTx, principal: Principal, id: string): Promise<void> {
  requireAccountLevel(principal, MANAGING);
  await ownKey(db, principal, id);
  const done = await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (!done.length) throw revokedIsFinal();
}
