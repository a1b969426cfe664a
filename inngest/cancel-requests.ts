import { EVENTS, inngest } from "@/lib/inngest/client";
import { cancelRenderRequests } from "@/lib/jobs/render-steps";

/** After a cancel or timeout: stop whatever still renders on the backend for the job. */
export const cancelBackendRequests = inngest().createFunction(
  { id: "cancel-backend-requests", triggers: [{ event: EVENTS.jobCanceled }], retries: 5 },
  async ({ event, step }) => {
    const jobId = event.data.job_id as string;
    const n = await step.run("cancel-requests", () => cancelRenderRequests(jobId));
    return { jobId, canceled: n };
  },
);
