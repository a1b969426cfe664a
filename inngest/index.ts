import { cancelBackendRequests } from "./cancel-requests";
import { jobTimeout } from "./job-timeout";
import { renderJob } from "./render-job";
import { sendEmail } from "./send-email";
import { deliverWebhook } from "./webhook-delivery";

/** Every function served at /api/inngest. */
export const functions = [renderJob, jobTimeout, cancelBackendRequests, deliverWebhook, sendEmail];
