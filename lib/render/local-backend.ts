/**
 * The `local` render backend: a client of the render worker (worker-server.ts), which speaks
 * RunPod's queue API (queue-client.ts) and renders animatics with ffmpeg.
 */
import { config } from "@/lib/config";
import { queueClient } from "./queue-client";
import type { BackendResult, RenderBackend, SceneRenderRequest } from "./types";
import type { StitchJobRequest } from "./worker-schemas";

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

/**
 * The stitch worker: the same render worker (RENDER_WORKER_URL, `/v2/local`), whatever
 * RENDER_BACKEND renders the scenes — with `runpod`, scenes go to RunPod and the stitch still comes
 * here. In production it is a CPU container (infra/docker) or endpoint on the private network.
 */
export interface StitchWorker {
  submit(req: StitchJobRequest, webhook: string): Promise<{ requestId: string }>;
  status(requestId: string): Promise<BackendResult>;
  cancel(requestId: string): Promise<void>;
}

let stitchClient: StitchWorker | null = null;

export function stitchWorker(): StitchWorker {
  if (!stitchClient) {
    const client = queueClient({
      baseUrl: () => `${config().RENDER_WORKER_URL.replace(/\/+$/, "")}/v2/local`,
      what: "stitch worker",
    });
    stitchClient = {
      async submit(req, webhook) {
        const { id } = await client.run({ input: req, webhook });
        return { requestId: id };
      },
      status: (requestId) => client.status(requestId),
      cancel: (requestId) => client.cancel(requestId),
    };
  }
  return stitchClient;
}
