import { z } from "zod";
import { WEBHOOK_EVENTS } from "@/drizzle/schema/enums";
import type { webhookDeliveries, webhooks } from "@/drizzle/schema";
import { paginationQuery } from "@/lib/http/pagination";

export type WebhookRow = typeof webhooks.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export const DELIVERY_STATUSES = ["pending", "retrying", "delivered", "failed"] as const;

const url = z.string().trim().max(2048).meta({ description: "https only; the host must resolve to public addresses.", example: "https://example.com/hooks/framecast" });
const events = z
  .array(z.enum(WEBHOOK_EVENTS))
  .min(1)
  .transform((e) => [...new Set(e)])
  .meta({ description: "Events to receive (at least one).", example: ["job.completed", "job.failed"] });

export const createWebhookSchema = z.object({ url, events }).strict();
export const updateWebhookSchema = z.object({ url: url.optional(), events: events.optional(), is_active: z.boolean().optional() }).strict();
export const listWebhooksQuery = z.object({ ...paginationQuery }).strict();
export const listDeliveriesQuery = z
  .object({ ...paginationQuery, status: z.enum(DELIVERY_STATUSES).optional(), event_type: z.string().max(50).optional() })
  .strict();

export const webhookSchema = z.object({
  id: z.string().uuid(),
  team_id: z.string().uuid(),
  created_by: z.string().uuid().nullable(),
  url: z.string(),
  events: z.array(z.string()),
  is_active: z.boolean(),
  last_triggered_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const deliverySchema = z.object({
  id: z.string().uuid(),
  webhook_id: z.string().uuid(),
  job_id: z.string().uuid().nullable(),
  event_type: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  max_attempts: z.number().int(),
  response_status: z.number().int().nullable(),
  response_body: z.string().nullable().meta({ description: "The first 10 KB of the last response." }),
  next_retry_at: z.string().nullable(),
  delivered_at: z.string().nullable(),
  created_at: z.string(),
  payload: z.record(z.string(), z.unknown()).meta({ description: "The exact JSON body sent." }),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toWebhookResponse(w: WebhookRow) {
  return {
    id: w.id,
    team_id: w.teamId,
    created_by: w.createdBy,
    url: w.url,
    events: w.events,
    is_active: w.isActive,
    last_triggered_at: iso(w.lastTriggeredAt),
    created_at: w.createdAt.toISOString(),
    updated_at: w.updatedAt.toISOString(),
  };
}

export function toDeliveryResponse(d: DeliveryRow) {
  return {
    id: d.id,
    webhook_id: d.webhookId,
    job_id: d.jobId,
    event_type: d.eventType,
    status: d.status,
    attempts: d.attempts,
    max_attempts: d.maxAttempts,
    response_status: d.responseStatus,
    response_body: d.responseBody,
    next_retry_at: iso(d.nextRetryAt),
    delivered_at: iso(d.deliveredAt),
    created_at: d.createdAt.toISOString(),
    payload: d.payload as Record<string, unknown>,
  };
}
