import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
    reason: ledgerReason("reason").notNull(),
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
  ],
);
