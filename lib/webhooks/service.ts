/**
 * Team webhooks (spec part 2 §3, part 4 §6): owners and admins manage them; the secret is shown
 * only on create and rotate. A test event is sent at once (and retried like any delivery).
 */
import { and, desc, eq } from "drizzle-orm";
import { webhookDeliveries, webhooks } from "@/drizzle/schema";
import type { Principal } from "@/lib/auth/principal";
import type { Db, DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { afterCursor, decodeCursor, page } from "@/lib/http/pagination";
import { EVENTS } from "@/lib/inngest/client";
import { enqueueEvent, kickOutbox } from "@/lib/jobs/outbox";
import { teamForCaller } from "@/lib/teams/access";
import { attemptDelivery } from "./deliver";
import { createDelivery } from "./fanout";
import { toDeliveryResponse, toWebhookResponse, type WebhookRow } from "./schemas";
import { encryptSecret, newSecret } from "./secret";
import { checkWebhookUrl, UnsafeUrlError } from "./url";

const OA = ["owner", "admin"] as const;

async function safeUrl(url: string): Promise<string> {
  try {
    return (await checkWebhookUrl(url)).url.toString();
  } catch (err) {
    if (err instanceof UnsafeUrlError) throw AppError.validation([{ path: "url", message: err.message }]);
    throw err;
  }
}

async function webhookForCaller(db: DbOrTx, principal: Principal, id: string): Promise<WebhookRow> {
  const [hook] = await db.select().from(webhooks).where(eq(webhooks.id, id));
  if (!hook) throw AppError.notFound("Webhook");
  await teamForCaller(db, principal, hook.teamId, [...OA], { notFound: "Webhook" });
  return hook;
}

export async function createWebhook(db: Db, principal: Principal, teamId: string, input: { url: string; events: string[] }) {
  await teamForCaller(db, principal, teamId, [...OA]);
  const url = await safeUrl(input.url);
  const secret = newSecret();
  const [row] = await db.insert(webhooks).values({ teamId, createdBy: principal.user.id, url, events: input.events, secretEncrypted: encryptSecret(secret) }).returning();
  return { webhook: toWebhookResponse(row!), secret };
}

export async function listWebhooks(db: Db, principal: Principal, teamId: string, q: { limit: number; cursor?: string }) {
  await teamForCaller(db, principal, teamId, [...OA]);
  const rows = await db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.teamId, teamId), afterCursor(decodeCursor(q.cursor), webhooks.createdAt, webhooks.id)))
    .orderBy(desc(webhooks.createdAt), desc(webhooks.id))
    .limit(q.limit + 1);
  return page(rows, q.limit, toWebhookResponse);
}

export async function getWebhook(db: Db, principal: Principal, id: string) {
  return toWebhookResponse(await webhookForCaller(db, principal, id));
}

export async function updateWebhook(db: Db, principal: Principal, id: string, patch: { url?: string; events?: string[]; is_active?: boolean }) {
  await webhookForCaller(db, principal, id);
  if (patch.url === undefined && patch.events === undefined && patch.is_active === undefined) {
    throw AppError.validation([{ path: "body", message: "Nothing to change: give url, events or is_active." }]);
  }
  const url = patch.url === undefined ? undefined : await safeUrl(patch.url);
  const [row] = await db
    .update(webhooks)
    .set({ ...(url ? { url } : {}), ...(patch.events ? { events: patch.events } : {}), ...(patch.is_active === undefined ? {} : { isActive: patch.is_active }) })
    .where(eq(webhooks.id, id))
    .returning();
  return toWebhookResponse(row!);
}

export async function deleteWebhook(db: Db, principal: Principal, id: string): Promise<void> {
  await webhookForCaller(db, principal, id);
  await db.delete(webhooks).where(eq(webhooks.id, id));
}

export async function rotateSecret(db: Db, principal: Principal, id: string) {
  await webhookForCaller(db, principal, id);
  const secret = newSecret();
  const [row] = await db.update(webhooks).set({ secretEncrypted: encryptSecret(secret) }).where(eq(webhooks.id, id)).returning();
  return { webhook: toWebhookResponse(row!), secret };
}

/** Sends `webhook.test` now and answers with the attempt's outcome; a retryable failure is retried on the schedule. */
function assertActive(hook: WebhookRow) {
  if (!hook.isActive) throw new AppError("INVALID_STATE", "The webhook is inactive: activate it (is_active: true) first.");
}

export async function sendTest(db: Db, principal: Principal, id: string) {
  const hook = await webhookForCaller(db, principal, id);
  assertActive(hook);
  const delivery = await db.transaction((tx) => createDelivery(tx, hook.id, "webhook.test", { webhook: { id: hook.id, team_id: hook.teamId } }, null));
  await attemptDelivery(db, delivery.id);
  kickOutbox(); // the delivery function picks it up; a delivered or failed delivery is left alone
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
  return toDeliveryResponse(row!);
}

export async function listDeliveries(db: Db, principal: Principal, id: string, q: { limit: number; cursor?: string; status?: string; event_type?: string }) {
  await webhookForCaller(db, principal, id);
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.webhookId, id),
        q.status ? eq(webhookDeliveries.status, q.status as "pending") : undefined,
        q.event_type ? eq(webhookDeliveries.eventType, q.event_type) : undefined,
        afterCursor(decodeCursor(q.cursor), webhookDeliveries.createdAt, webhookDeliveries.id),
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(q.limit + 1);
  return page(rows, q.limit, toDeliveryResponse);
}

/** A failed delivery starts over (same id and body, attempts from 0). */
export async function retryDelivery(db: Db, principal: Principal, deliveryId: string) {
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId));
  if (!row) throw AppError.notFound("Delivery");
  const hook = await webhookForCaller(db, principal, row.webhookId).catch((err: unknown) => {
    throw err instanceof AppError && err.code === "NOT_FOUND" ? AppError.notFound("Delivery") : err;
  });
  assertActive(hook);
  if (row.status !== "failed") throw new AppError("INVALID_STATE", `Only failed deliveries can be retried; this one is ${row.status}.`);
  const updated = await db.transaction(async (tx) => {
    const [u] = await tx
      .update(webhookDeliveries)
      .set({ status: "pending", attempts: 0, nextRetryAt: null, deliveredAt: null, responseStatus: null, responseBody: null })
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, "failed")))
      .returning();
    if (!u) throw new AppError("INVALID_STATE", "The delivery changed meanwhile; reload.");
    await enqueueEvent(tx, EVENTS.webhookDelivery, { delivery_id: deliveryId });
    return u;
  });
  kickOutbox();
  return toDeliveryResponse(updated);
}
