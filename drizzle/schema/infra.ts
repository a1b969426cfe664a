import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, ts } from "./common";

/** Transactional outbox: events written with the change, delivered to Inngest by a sender. */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    eventId: uuid("event_id").notNull().defaultRandom(),
    name: text("name").notNull(),
    payload: jsonb("payload").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    availableAt: ts("available_at").notNull().defaultNow(),
    sentAt: ts("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("outbox_pending_idx").on(t.availableAt).where(sql`${t.sentAt} is null`),
    check("outbox_name_format", sql`${t.name} ~ '^[a-z0-9_.-]+/[a-z0-9_.-]+$'`),
    check("outbox_attempts_nonneg", sql`${t.attempts} >= 0`),
  ],
);

/** Outgoing email (invitations): in development it stays here and in the log. */
export const emailOutbox = pgTable("email_outbox", {
  id: uuid("id").primaryKey().defaultRandom(),
  toEmail: text("to_email").notNull(),
  subject: text("subject").notNull(),
  bodyText: text("body_text").notNull(),
  bodyHtml: text("body_html"),
  sentAt: ts("sent_at"),
  createdAt: createdAt(),
});

/** Fixed-window rate-limit counters shared by every app process. */
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    bucket: text("bucket").notNull(),
    windowStart: ts("window_start").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] }), index("rate_limit_window_idx").on(t.windowStart)],
);
