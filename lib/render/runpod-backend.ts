/**
 * The `runpod` render backend (spec part 4 §3): each segment of a scene (segments.ts) becomes a
 * ComfyUI API-format workflow (Wan 2.2 TI2V-5B, comfyui/workflow.ts; image-to-video from a start
 * image sent along in worker-comfyui's `input.images`) run by runpod-workers/worker-comfyui on a
 * RunPod Serverless endpoint. Every graph is checked against the node definitions before it is
 * queued. Completion comes to our callback route as RunPod's webhook; in S3 mode the clip (and the
 * last frame) come back as presigned URLs that the store step copies into our bucket.
 */
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { config } from "@/lib/config";
import { s3 } from "@/lib/storage/s3";
import { OBJECT_INFO, validateWorkflow } from "./comfyui/validate";
import { buildWorkflow, WORKFLOW_VERSION } from "./comfyui/workflow";
import { queueClient, RenderRequestError } from "./queue-client";
import { prepareStartImage } from "./reference-image";
import { generationSize, planSegments } from "./segments";
import type { RenderBackend, SceneRenderRequest } from "./types";

/** A segment's generation may run this long on the GPU (RunPod's default is 10 min). */
const EXECUTION_TIMEOUT_MS = 20 * 60_000;
/** Queue + run; RunPod deletes the job (even mid-run) after its ttl. Above JOB_TIMEOUT's default. */
const TTL_MS = 2 * 60 * 60_000;

export interface RunpodBackendOptions {
  apiUrl?: string;
  endpointId?: string;
  apiKey?: string;
  maxParallel?: number;
}

async function startImage(ref: { bucket: string; key: string }, width: number, height: number) {
  const res = await s3().send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
  const bytes = await res.Body?.transformToByteArray();
  if (!bytes) throw new Error(`start image s3://${ref.bucket}/${ref.key} has no body`);
  return prepareStartImage(bytes, width, height).catch((err: unknown) => {
    throw new RenderRequestError(`The reference image ${ref.key.split("/").pop()} is not a readable image (${String(err)}).`, "validation", "INVALID_REFERENCE_IMAGE");
  });
}

/** The request's workflow and images; throws RenderRequestError (system) if the graph is invalid. */
export async function runpodInput(req: SceneRenderRequest) {
  const size = generationSize(req.width, req.height);
  const image = req.referenceImage ? await startImage(req.referenceImage, size.width, size.height) : null;
  const segment = req.segment ?? planSegments(req.duration)[0]!;
  const { workflow } = buildWorkflow({ ...req, segment, ...(image ? { startImage: image.name } : {}) });
  const problems = validateWorkflow(workflow, OBJECT_INFO, { images: image ? [image.name] : [] });
  if (problems.length) throw new RenderRequestError(`Workflow validation failed: ${problems.join("; ")}`, "system", "INVALID_WORKFLOW");
  return { workflow, ...(image ? { images: [image] } : {}) };
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
      const { id } = await client.run({
        input: await runpodInput(req),
        webhook: req.callbackUrl,
        policy: { executionTimeout: EXECUTION_TIMEOUT_MS, ttl: TTL_MS },
      });
      return { requestId: id };
    },
    status: (requestId) => client.status(requestId),
    cancel: (requestId) => client.cancel(requestId),
  };
}
