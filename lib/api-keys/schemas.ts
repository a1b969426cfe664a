import { z } from "zod";
import type { apiKeys } from "@/drizzle/schema";
import { SCOPES } from "@/lib/auth/scopes";
import { URN_PATTERN } from "@/lib/urn";

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export const createApiKeySchema = z
  .object({
    name: z.string().trim().min(1).max(100).default("Default"),
    owner: z.string().regex(URN_PATTERN, "Must be an owner URN (framecast:user:usr_<uuid>, …).").optional(),
    scopes: z.array(z.enum(SCOPES)).min(1).max(SCOPES.length).default(["*"]),
    expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict();
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const renameApiKeySchema = z.object({ name: z.string().trim().min(1).max(100) }).strict();

export const apiKeySchema = z.object({
  id: z.string().uuid(),
  user_id: z.string().uuid(),
  owner: z.string(),
  name: z.string(),
  key_prefix: z.string(),
  scopes: z.array(z.string()),
  last_used_at: z.string().nullable(),
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  created_at: z.string(),
});
export type ApiKeyResponse = z.infer<typeof apiKeySchema>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toApiKeyResponse(k: ApiKeyRow): ApiKeyResponse {
  return {
    id: k.id,
    user_id: k.userId,
    owner: k.owner,
    name: k.name,
    key_prefix: k.keyPrefix,
    scopes: k.scopes,
    last_used_at: iso(k.lastUsedAt),
    expires_at: iso(k.expiresAt),
    revoked_at: iso(k.revokedAt),
    created_at: k.createdAt.toISOString(),
  };
}

export const listApiKeysQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(200).optional(),
  })
  .strict();
