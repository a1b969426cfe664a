/**
 * The `runpod` render backend (spec part 4 §3): each scene becomes a ComfyUI API-format workflow
 * (Wan 2.2 TI2V-5B, comfyui/workflow.ts; image-to-video when a symbol in the prompt has a reference
 * image, sent along in worker-comfyui's `input.images`) run by runpod-workers/worker-comfyui on a
 * RunPod Serverless endpoint. Completion comes to our callback route as RunPod's webhook; the
 * endpoint runs in S3 mode, so the clip comes back as a presigned URL that the store step copies
 * into our bucket (clip-output.ts).
 */
import path from "node:path";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { config } from "@/lib/config";
import { s3 } from "@/lib/storage/s3";
import { buildWorkflow, WORKFLOW_VERSION } from "./comfyui/workflow";
import { queueClient } from "./queue-client";
import type { RenderBackend, SceneRenderRequest } from "./types";

/** A scene's generation may run this long on the GPU (RunPod's default is 10 min). */
const EXECUTION_TIMEOUT_MS = 20 * 60_000;
/** Queue + run; RunPod deletes the job (even mid-run) after its ttl. Above JOB_TIMEOUT's default. */
const TTL_MS = 2 * 60 * 60_000;

export interface RunpodBackendOptions {
  apiUrl?: string;
  endpointId?: string;
  apiKey?: string;
  maxParallel?: number;
}

async function referenceImage(ref: { bucket: string; key: string }): Promise<{ name: string; image: string }> {
  const res = await s3().send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
  const bytes = await res.Body?.transformToByteArray();
  if (!bytes) throw new Error(`reference image s3://${ref.bucket}/${ref.key} has no body`);
  return { name: `ref${path.extname(ref.key).toLowerCase() || ".png"}`, image: Buffer.from(bytes).toString("base64") };
}

export function runpodBackend(opts: RunpodBackendOptions = {}): RenderBackend {
  const client = queueClient({
    baseUrl: () => `${opts.apiUrl ?? config().RUNPOD_API_URL}/${opts.endpointId ?? config().RUNPOD_ENDPOINT_ID ?? ""}`,
    apiKey: () => opts.apiKey ?? config().RUNPOD_API_KEY,
    what: "RunPod",
  });
  return {
    name: "runpod",
    model: WORKFLOW_VERSION,
    maxParallel: opts.maxParallel ?? config().RUNPOD_MAX_PARALLEL,
    async submit(req: SceneRenderRequest) {
      const image = req.referenceImage ? await referenceImage(req.referenceImage) : null;
      const { workflow } = buildWorkflow({ ...req, referenceImage: image?.name });
      const { id } = await client.run({
        input: { workflow, ...(image ? { images: [image] } : {}) },
        webhook: req.callbackUrl,
        policy: { executionTimeout: EXECUTION_TIMEOUT_MS, ttl: TTL_MS },
      });
      return { requestId: id };
    },
    status: (requestId) => client.status(requestId),
    cancel: (requestId) => client.cancel(requestId),
  };
}
