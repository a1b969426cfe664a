/**
 * One delivery attempt (spec part 4 §6): POST the stored body, signed, with a 5 s timeout, to the
 * address the URL check resolved (so DNS cannot swap in a private one), no redirects followed.
 * 2xx → delivered; 5xx, 429, timeouts and network errors → retrying after 1 min, 5 min, 30 min, 2 h
 * (attempts 1–4), failed after attempt 5; any other answer → failed at once. The status and the first
 * 10 KB of the response are recorded. The same delivery id goes out on every attempt. Each attempt
 * reads the webhook again: deleted → nothing; deactivated → the delivery fails unsent.
 */
import https from "node:https";
import { and, eq, inArray } from "drizzle-orm";
import { webhookDeliveries, webhooks } from "@/drizzle/schema";
import { config } from "@/lib/config";
import type { DbOrTx } from "@/lib/db/client";
import { decryptSecret, signature } from "./secret";
import { checkWebhookUrl, UnsafeUrlError } from "./url";

export const RETRY_AFTER_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000] as const;
const TIMEOUT_MS = 5000;
const BODY_LIMIT = 10 * 1024;

export type AttemptOutcome = { status: "delivered" | "failed" | "skipped" } | { status: "retrying"; retryInMs: number };

interface Response {
  status?: number;
  body?: string;
  error?: string;
}

function post(target: Awaited<ReturnType<typeof checkWebhookUrl>>, body: string, headers: Record<string, string>): Promise<Response> {
  return new Promise((resolve) => {
    const req = https.request(
      {
        method: "POST",
        hostname: target.url.hostname.replace(/^\[|\]$/g, ""),
        port: target.url.port || 443,
        path: `${target.url.pathname}${target.url.search}`,
        headers: { ...headers, "Content-Length": Buffer.byteLength(body) },
        // Connect to the checked address (Node 20 asks for all addresses when autoSelectFamily is on).
        lookup: ((_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) =>
          opts.all ? cb(null, [{ address: target.address, family: target.family }]) : cb(null, target.address, target.family)) as unknown as https.RequestOptions["lookup"],
        timeout: TIMEOUT_MS,
        // Local receivers in development and tests have self-signed certificates (the flag is refused in production).
        rejectUnauthorized: !config().WEBHOOK_ALLOW_PRIVATE,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          if (size < BODY_LIMIT) chunks.push(c);
          size += c.length;
        });
        res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString("utf8").slice(0, BODY_LIMIT) }));
        res.on("error", (err) => resolve({ status: res.statusCode, error: err.message }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timed out after 5 s")));
    req.on("error", (err) => resolve({ error: err.message }));
    req.end(body);
  });
}

function classify(r: Response): "delivered" | "retry" | "failed" {
  if (r.status === undefined) return "retry";
  if (r.status >= 200 && r.status < 300) return "delivered";
  if (r.status >= 500 || r.status === 429) return "retry";
  return "failed";
}

/** A webhook deactivated after the delivery was queued: its pending retries end here, nothing is sent. */
async function stopInactive(db: DbOrTx, deliveryId: string): Promise<AttemptOutcome> {
  await db
    .update(webhookDeliveries)
    .set({ status: "failed", nextRetryAt: null, responseBody: "(not sent: the webhook is inactive)" })
    .where(and(eq(webhookDeliveries.id, deliveryId), inArray(webhookDeliveries.status, ["pending", "retrying"])));
  return { status: "skipped" };
}

/** One attempt (an Inngest step); a delivery whose webhook is inactive or deleted is not sent. */
export async function attemptDelivery(db: DbOrTx, deliveryId: string): Promise<AttemptOutcome> {
  const [row] = await db
    .select({ delivery: webhookDeliveries, webhook: webhooks })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!row || row.delivery.status === "delivered" || row.delivery.status === "failed") return { status: "skipped" };
  if (!row.webhook.isActive) return stopInactive(db, deliveryId);
  // Not due yet (e.g. a test event already tried once): wait for the schedule instead.
  const due = row.delivery.nextRetryAt ? row.delivery.nextRetryAt.getTime() - Date.now() : 0;
  if (row.delivery.status === "retrying" && due > 1000) return { status: "retrying", retryInMs: due };
  const body = JSON.stringify(row.delivery.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    "Content-Type": "application/json",
    "User-Agent": "Framecast-Webhooks/1",
    "X-Webhook-Delivery-Id": row.delivery.id,
    "X-Webhook-Timestamp": String(timestamp),
    "X-Webhook-Signature": signature(decryptSecret(row.webhook.secretEncrypted), timestamp, body),
  };
  let response: Response;
  let verdict: "delivered" | "retry" | "failed";
  try {
    response = await post(await checkWebhookUrl(row.webhook.url), body, headers);
    verdict = classify(response);
  } catch (err) {
    if (!(err instanceof UnsafeUrlError)) throw err;
    response = { error: err.message };
    verdict = "failed";
  }
  const attempts = row.delivery.attempts + 1;
  const retrying = verdict === "retry" && attempts < row.delivery.maxAttempts;
  const status = verdict === "delivered" ? "delivered" : retrying ? "retrying" : "failed";
  const retryInMs = RETRY_AFTER_MS[Math.min(attempts, RETRY_AFTER_MS.length) - 1]!;
  await db
    .update(webhookDeliveries)
    .set({
      status,
      attempts,
      responseStatus: response.status ?? null,
      responseBody: response.body ?? (response.error ? `(no response: ${response.error})` : null),
      nextRetryAt: retrying ? new Date(Date.now() + retryInMs) : null,
      deliveredAt: status === "delivered" ? new Date() : null,
    })
    .where(and(eq(webhookDeliveries.id, deliveryId), inArray(webhookDeliveries.status, ["pending", "retrying"])));
  await db.update(webhooks).set({ lastTriggeredAt: new Date() }).where(eq(webhooks.id, row.webhook.id));
  if (retrying) return { status: "retrying", retryInMs };
  return { status: status === "delivered" ? "delivered" : "failed" };
}
