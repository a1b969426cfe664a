import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { createdAt, isUrn, ts } from "./common";

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    owner: text("owner").notNull(),
    name: text("name").notNull().default("Default"),
    keyPrefix: text("key_prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    scopes: jsonb("scopes").$type<string[]>().notNull().default(["*"]),
    lastUsedAt: ts("last_used_at"),
    expiresAt: ts("expires_at"),
    revokedAt: ts("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("api_keys_key_hash_key").on(t.keyHash),
    index("api_keys_user_idx").on(t.userId, t.createdAt),
    check("api_keys_owner_urn", isUrn("owner")),
    check("api_keys_name_len", sql`char_length(${t.name}) between 1 and 100`),
    check("api_keys_hash_format", sql`${t.keyHash} ~ '^[0-9a-f]{64}$'`),
    check("api_keys_scopes_array", sql`jsonb_typeof(${t.scopes}) = 'array' and jsonb_array_length(${t.scopes}) >= 1`),
  ],
);
