import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { createdAt, isUrn, updatedAt } from "./common";
import { ledgerReason } from "./enums";

export const usage = pgTable(
  "usage",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    owner: text("owner").notNull(),
    period: text("period").notNull(),
    rendersCount: integer("renders_count").notNull().default(0),
    renderSeconds: integer("render_seconds").notNull().default(0),
    creditsUsed: integer("credits_used").notNull().default(0),
    creditsRefunded: integer("credits_refunded").notNull().default(0),
    apiCalls: integer("api_calls").notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("usage_owner_period_key").on(t.owner, t.period),
    check("usage_owner_urn", isUrn("owner")),
    check("usage_period_format", sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check(
      "usage_counters_nonneg",
      sql`${t.rendersCount} >= 0 and ${t.renderSeconds} >= 0 and ${t.creditsUsed} >= 0 and ${t.creditsRefunded} >= 0 and ${t.apiCalls} >= 0`,
    ),
  ],
);

/** What a ledger row means to the owner reading its history (GET /v1/credits/ledger). */
export const LEDGER_KINDS = ["signup", "grant", "charge", "refund", "transfer_in", "transfer_out"] as const;
export const ledgerKind = pgEnum("ledger_kind", LEDGER_KINDS);

export const TRANSFER_MAX = 10_000_000;

/**
 * Credits moved between two holders the caller controls. Append-only; each transfer has exactly one
 * `transfer_out` ledger row on `from_owner` and one `transfer_in` row on `to_owner` (same transaction).
 */
export const creditTransfers = pgTable(
  "credit_transfers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fromOwner: text("from_owner").notNull(),
    toOwner: text("to_owner").notNull(),
    amount: integer("amount").notNull(),
    note: text("note"),
    actorId: uuid("actor_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("credit_transfers_from_idx").on(t.fromOwner, t.createdAt),
    index("credit_transfers_to_idx").on(t.toOwner, t.createdAt),
    check("credit_transfers_from_urn", isUrn("from_owner")),
    check("credit_transfers_to_urn", isUrn("to_owner")),
    check("credit_transfers_distinct", sql`${t.fromOwner} <> ${t.toOwner}`),
    check("credit_transfers_amount_range", sql.raw(`amount between 1 and ${TRANSFER_MAX}`)),
    check("credit_transfers_note_length", sql`${t.note} is null or char_length(${t.note}) <= 200`),
  ],
);

/**
 * Append-only. For every owner, sum(delta) equals the balance column (users.credits or
 * teams.credits); a deferred trigger checks it at commit. job_id and actor_id are plain ids (no FK)
 * so history survives the deletion of a job or a user.
 */
export const creditLedger = pgTable(
  "credit_ledger",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    owner: text("owner").notNull(),
    delta: integer("delta").notNull(),
    /** The internal cause; null exactly for transfer rows (they have transfer_id instead). */
    reason: ledgerReason("reason"),
    /** Filled by a BEFORE INSERT trigger from reason/note/transfer when not given. */
    kind: ledgerKind("kind").notNull(),
    /** The holder's balance right after this row (the team's for membership URNs); trigger-filled when not given. */
    balanceAfter: integer("balance_after").notNull(),
    transferId: uuid("transfer_id").references((): AnyPgColumn => creditTransfers.id),
    jobId: uuid("job_id"),
    actorId: uuid("actor_id"),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [
    index("credit_ledger_owner_idx").on(t.owner, t.createdAt),
    index("credit_ledger_job_idx").on(t.jobId),
    check("credit_ledger_owner_urn", isUrn("owner")),
    check("credit_ledger_delta_nonzero", sql`${t.delta} <> 0`),
    check("credit_ledger_charge_negative", sql`${t.reason} <> 'job_charge' or ${t.delta} < 0`),
    check("credit_ledger_refund_positive", sql`${t.reason} <> 'job_refund' or ${t.delta} > 0`),
    index("credit_ledger_transfer_idx").on(t.transferId),
    uniqueIndex("credit_ledger_transfer_kind_key").on(t.transferId, t.kind),
    check("credit_ledger_balance_after_nonneg", sql`${t.balanceAfter} >= 0`),
    check(
      "credit_ledger_transfer_rows",
      sql`(${t.transferId} is not null) = (${t.kind} in ('transfer_in', 'transfer_out')) and (${t.transferId} is not null) = (${t.reason} is null)`,
    ),
    check("credit_ledger_transfer_sign", sql`(${t.kind} <> 'transfer_in' or ${t.delta} > 0) and (${t.kind} <> 'transfer_out' or ${t.delta} < 0)`),
    check(
      "credit_ledger_kind_matches_reason",
      sql`${t.reason} is null or (${t.reason} = 'job_charge' and ${t.kind} = 'charge') or (${t.reason} = 'job_refund' and ${t.kind} = 'refund') or (${t.reason} in ('grant', 'adjustment') and ${t.kind} in ('signup', 'grant'))`,
    ),
    check("credit_ledger_signup_positive", sql`${t.kind} <> 'signup' or ${t.delta} > 0`),
  ],
);
