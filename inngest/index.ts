import { cancelBackendRequests } from "./cancel-requests";
import { jobTimeout } from "./job-timeout";
import { renderJob } from "./render-job";

/** Every function served at /api/inngest. */
export const functions = [renderJob, jobTimeout, cancelBackendRequests];
