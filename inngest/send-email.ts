import { db } from "@/lib/db/client";
import { sendQueuedEmail } from "@/lib/email/outbox";
import { EVENTS, inngest } from "@/lib/inngest/client";

const MAX_ATTEMPTS = 10;

/**
 * Sends one queued email (lib/email/outbox.ts). Each attempt is a step; while the SMTP server is
 * unreachable it sleeps durably (30 s, 2 min, 10 min, 1 h, then 6 h) and tries again, so an outage
 * loses nothing. The row keeps sent_at null until a send succeeds.
 */
export const sendEmail = inngest().createFunction(
  { id: "send-email", triggers: [{ event: EVENTS.emailSend }], retries: 2 },
  async ({ event, step }) => {
    const id = event.data.email_id as string;
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      const outcome = await step.run(`attempt-${i}`, () => sendQueuedEmail(db(), id, i));
      if (outcome.status !== "retrying") return { id, outcome: outcome.status };
      await step.sleep(`wait-${i}`, `${Math.round(outcome.retryInMs / 1000)}s`);
    }
    return { id, outcome: "gave up", attempts: MAX_ATTEMPTS };
  },
);
