import { jobTimeoutSetting } from "@/lib/config";
import { EVENTS, inngest } from "@/lib/inngest/client";
import { failJob } from "@/lib/jobs/finish";
import { enqueueJobStop } from "@/lib/jobs/stop";

/**
 * JOB_TIMEOUT (default 30 min) from creation: a job still active then fails with
 * failure_type timeout and a full refund, and its render function is stopped.
 */
export const jobTimeout = inngest().createFunction(
  {
    id: "job-timeout",
    triggers: [{ event: EVENTS.jobCreated }],
    cancelOn: [{ event: EVENTS.jobCanceled, if: "async.data.job_id == event.data.job_id" }],
  },
  async ({ event, step }) => {
    const jobId = event.data.job_id as string;
    await step.sleep("job-timeout", jobTimeoutSetting() as `${number}m`);
    const expired = await step.run("expire", () =>
      failJob(jobId, { type: "timeout", code: "TIMEOUT", message: `The render did not finish within ${jobTimeoutSetting()}; all credits were refunded.` }),
    );
    if (expired) await step.run("stop-render", () => enqueueJobStop(jobId, "timeout"));
    return { jobId, expired };
  },
);
