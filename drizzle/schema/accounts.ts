import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, ts, updatedAt } from "./common";
import { membershipRole, userTier } from "./enums";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name"),
    avatarUrl: text("avatar_url"),
    tier: userTier("tier").notNull().default("starter"),
    credits: integer("credits").notNull().default(0),
    ephemeralStorageBytes: bigint("ephemeral_storage_bytes", { mode: "number" }).notNull().default(0),
    upgradedAt: ts("upgraded_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    check("users_email_len", sql`char_length(${t.email}) between 3 and 255`),
    check("users_email_lower", sql`${t.email} = lower(${t.email})`),
    check("users_name_len", sql`${t.name} is null or char_length(${t.name}) <= 100`),
    check("users_avatar_url_len", sql`${t.avatarUrl} is null or char_length(${t.avatarUrl}) <= 2048`),
    check("users_credits_nonneg", sql`${t.credits} >= 0`),
    check("users_storage_nonneg", sql`${t.ephemeralStorageBytes} >= 0`),
    check("users_creator_iff_upgraded", sql`(${t.tier} = 'creator') = (${t.upgradedAt} is not null)`),
    check("users_updated_after_created", sql`${t.updatedAt} >= ${t.createdAt}`),
  ],
);

/**
 * Tombstones of deleted accounts: a token for a deleted user id is refused (401) until it expires,
 * and the email's SHA-256 (of the lower-cased address) keeps a later sign-up with the same email from
 * receiving a second sign-up grant. No foreign key: the user row is gone.
 */
export const deletedAccounts = pgTable(
  "deleted_accounts",
  {
    userId: uuid("user_id").primaryKey(),
    emailHash: text("email_hash").notNull(),
    deletedAt: ts("deleted_at").notNull().defaultNow(),
  },
  (t) => [index("deleted_accounts_email_hash_idx").on(t.emailHash), check("deleted_accounts_email_hash_hex", sql`${t.emailHash} ~ '^[0-9a-f]{64}$'`)],
);

export const teams = pgTable(
  "teams",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    credits: integer("credits").notNull().default(0),
    ephemeralStorageBytes: bigint("ephemeral_storage_bytes", { mode: "number" }).notNull().default(0),
    settings: jsonb("settings").notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("teams_slug_key").on(t.slug),
    check("teams_name_len", sql`char_length(${t.name}) between 1 and 100`),
    check("teams_slug_format", sql`char_length(${t.slug}) <= 50 and ${t.slug} ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$'`),
    check("teams_credits_nonneg", sql`${t.credits} >= 0`),
    check("teams_storage_nonneg", sql`${t.ephemeralStorageBytes} >= 0`),
    check("teams_settings_object", sql`jsonb_typeof(${t.settings}) = 'object'`),
    check("teams_updated_after_created", sql`${t.updatedAt} >= ${t.createdAt}`),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: membershipRole("role").notNull().default("member"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("memberships_team_user_key").on(t.teamId, t.userId), index("memberships_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    email: text("email").notNull(),
    role: membershipRole("role").notNull().default("member"),
    tokenHash: text("token_hash").notNull(),
    expiresAt: ts("expires_at")
      .notNull()
      .default(sql`now() + interval '7 days'`),
    acceptedAt: ts("accepted_at"),
    declinedAt: ts("declined_at"),
    revokedAt: ts("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    // Re-inviting revokes the earlier one: at most one unanswered invitation per team and email.
    uniqueIndex("invitations_one_unanswered_key")
      .on(t.teamId, t.email)
      .where(sql`${t.acceptedAt} is null and ${t.declinedAt} is null and ${t.revokedAt} is null`),
    check("invitations_role_not_owner", sql`${t.role} <> 'owner'`),
    check("invitations_email_lower", sql`${t.email} = lower(${t.email}) and char_length(${t.email}) between 3 and 255`),
    check("invitations_one_outcome", sql`num_nonnulls(${t.acceptedAt}, ${t.declinedAt}, ${t.revokedAt}) <= 1`),
    check("invitations_expires_after_created", sql`${t.expiresAt} > ${t.createdAt}`),
  ],
);
