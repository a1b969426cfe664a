/**
 * The `local` render backend: a client of the render worker (worker-server.ts), which speaks
 * RunPod's queue API (queue-client.ts) and renders animatics with ffmpeg.
 */
import { config } from "@/lib/config";
import { queueClient } from "./queue-client";
import type { RenderBackend, SceneRenderRequest } from "./types";

export interface LocalBackendOptions {
  /** Default RENDER_WORKER_URL. */
  url?: string;
  /** Per request (default 15 s). */
  timeoutMs?: number;
}

export function localBackend(opts: LocalBackendOptions = {}): RenderBackend {
  const client = queueClient({
    baseUrl: () => `${(opts.url ?? config().RENDER_WORKER_URL).replace(/\/+$/, "")}/v2/local`,
    what: "local render worker",
    timeoutMs: opts.timeoutMs,
  });
  return {
    name: "local",
    model: "animatic-v1",
    maxParallel: 2,
    async submit(req: SceneRenderRequest) {
      const { id } = await client.run({ input: req, webhook: req.callbackUrl });
      return { requestId: id };
    },
    status: (requestId) => client.status(requestId),
    cancel: (requestId) => client.cancel(requestId),
  };
}
