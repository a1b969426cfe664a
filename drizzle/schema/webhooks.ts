import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { teams, users } from "./accounts";
import { createdAt, ts, updatedAt } from "./common";
import { WEBHOOK_EVENTS, deliveryStatus } from "./enums";
import { jobs } from "./jobs";

const eventList = sql.raw(`ARRAY[${WEBHOOK_EVENTS.map((e) => `'${e}'`).join(", ")}]::text[]`);

export const webhooks = pgTable(
  "webhooks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    url: text("url").notNull(),
    events: text("events").array().notNull(),
    /** The signing secret, encrypted by the application; never returned after creation/rotation. */
    secretEncrypted: text("secret_encrypted").notNull(),
    isActive: boolean("is_active").notNull().default(true),
    lastTriggeredAt: ts("last_triggered_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("webhooks_team_idx").on(t.teamId),
    check("webhooks_url_https", sql`${t.url} ~ '^https://' and char_length(${t.url}) <= 2048`),
    check("webhooks_events_nonempty", sql`cardinality(${t.events}) >= 1`),
    check("webhooks_events_valid", sql`${t.events} <@ ${eventList}`),
    check("webhooks_updated_after_created", sql`${t.updatedAt} >= ${t.createdAt}`),
  ],
);

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    webhookId: uuid("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    jobId: uuid("job_id").references(() => jobs.id, { onDelete: "set null" }),
    eventType: text("event_type").notNull(),
    status: deliveryStatus("status").notNull().default("pending"),
    payload: jsonb("payload").notNull(),
    responseStatus: integer("response_status"),
    responseBody: text("response_body"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    nextRetryAt: ts("next_retry_at"),
    deliveredAt: ts("delivered_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("webhook_deliveries_webhook_idx").on(t.webhookId, t.createdAt),
    check("webhook_deliveries_attempts", sql`${t.attempts} >= 0 and ${t.maxAttempts} >= 1 and ${t.attempts} <= ${t.maxAttempts}`),
    check("webhook_deliveries_body_len", sql`${t.responseBody} is null or octet_length(${t.responseBody}) <= 10240`),
    check("webhook_deliveries_delivered_at", sql`(${t.status} = 'delivered') = (${t.deliveredAt} is not null)`),
  ],
);
