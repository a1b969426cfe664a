import { db } from "@/lib/db/client";
import { EVENTS, inngest } from "@/lib/inngest/client";
import { attemptDelivery } from "@/lib/webhooks/deliver";

/** The delivery row counts attempts (5 at most); steps also cover "not due yet" wake-ups. */
const MAX_STEPS = 12;

/**
 * Delivers one webhook delivery (spec part 4 §6): attempts with durable sleeps between them
 * (1 min, 5 min, 30 min, 2 h). Each attempt is a step, so a crash resumes where it stopped; an
 * attempt on a delivery already delivered or failed, or whose webhook was deactivated or deleted
 * meanwhile, sends nothing and ends the run.
 */
export const deliverWebhook = inngest().createFunction(
  { id: "webhook-delivery", triggers: [{ event: EVENTS.webhookDelivery }], retries: 2 },
  async ({ event, step }) => {
    const id = event.data.delivery_id as string;
    for (let i = 1; i <= MAX_STEPS; i++) {
      const outcome = await step.run(`attempt-${i}`, () => attemptDelivery(db(), id));
      if (outcome.status !== "retrying") return { id, outcome: outcome.status };
      await step.sleep(`wait-${i}`, `${Math.round(outcome.retryInMs / 1000)}s`);
    }
    return { id, outcome: "gave up", steps: MAX_STEPS };
  },
);
