import { Inngest } from "inngest";
import { inngestSettings } from "@/lib/config";
import { log } from "@/lib/log";

/**
 * The Inngest client. In production it talks to Inngest Cloud (INNGEST_EVENT_KEY,
 * INNGEST_SIGNING_KEY); locally to INNGEST_BASE_URL — the dev runner (scripts/inngest-runner) or
 * `inngest-cli dev` when installed.
 */
let client: Inngest | undefined;

export function inngest(): Inngest {
  if (client) return client;
  const s = inngestSettings();
  client = new Inngest({ id: "framecast", ...s, logger: log.child({ component: "inngest" }) });
  return client;
}

/** Event names (the only ones the app sends). */
export const EVENTS = {
  jobCreated: "framecast/job.created",
  jobCanceled: "framecast/job.canceled",
  sceneCompleted: "framecast/scene.completed",
  webhookDelivery: "framecast/webhook.delivery",
  emailSend: "framecast/email.send",
} as const;
export type EventName = (typeof EVENTS)[keyof typeof EVENTS];
