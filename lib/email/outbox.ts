/**
 * Outgoing email through the transactional outbox: `queueEmail` writes the message and an outbox
 * event in the caller's transaction (so a committed invitation always has its email, and no SMTP
 * call holds the transaction); the `send-email` Inngest function sends it with `sendQueuedEmail`,
 * retrying with durable sleeps while the SMTP server is unreachable.
 */
import { eq, sql } from "drizzle-orm";
import { emailOutbox } from "@/drizzle/schema";
import { config } from "@/lib/config";
import type { DbOrTx } from "@/lib/db/client";
import { EVENTS } from "@/lib/inngest/client";
import { enqueueEvent } from "@/lib/jobs/outbox";
import { log } from "@/lib/log";
import { smtpTransport } from "./transport";

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** 30 s, 2 min, 10 min, 1 h, then every 6 h (attempt n waits RETRY_AFTER_MS[n-1]). */
export const RETRY_AFTER_MS = [30_000, 2 * 60_000, 10 * 60_000, 60 * 60_000, 6 * 60 * 60_000] as const;

export async function queueEmail(tx: DbOrTx, m: EmailMessage): Promise<string> {
  const [row] = await tx.insert(emailOutbox).values({ toEmail: m.to, subject: m.subject, bodyText: m.text, bodyHtml: m.html ?? null }).returning({ id: emailOutbox.id });
  await enqueueEvent(tx, EVENTS.emailSend, { email_id: row!.id });
  return row!.id;
}

export type SendOutcome = { status: "sent" | "logged" | "missing" } | { status: "retrying"; retryInMs: number; error: string };

/** One attempt at sending a queued email; `attempt` (1-based) picks the wait before the next one. */
export async function sendQueuedEmail(db: DbOrTx, id: string, attempt = 1): Promise<SendOutcome> {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  if (!row) return { status: "missing" };
  if (row.sentAt) return { status: "sent" };
  const transport = smtpTransport();
  if (!transport) {
    log.info({ email_id: id, to: row.toEmail, subject: row.subject, text: row.bodyText }, "email: no SMTP_URL, kept in email_outbox");
    return { status: "logged" };
  }
  try {
    await transport.sendMail({ from: config().EMAIL_FROM, to: row.toEmail, subject: row.subject, text: row.bodyText, ...(row.bodyHtml ? { html: row.bodyHtml } : {}) });
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    const retryInMs = RETRY_AFTER_MS[Math.min(attempt, RETRY_AFTER_MS.length) - 1]!;
    log.warn({ email_id: id, attempt, retryInMs, err: error }, "email: send failed, will retry");
    return { status: "retrying", retryInMs, error };
  }
  await db.update(emailOutbox).set({ sentAt: sql`now()` }).where(eq(emailOutbox.id, id));
  return { status: "sent" };
}
