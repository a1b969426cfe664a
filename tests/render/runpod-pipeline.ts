/** The render pipeline with RENDER_BACKEND=runpod against the fake RunPod + worker-comfyui, and the outbox pumped. */
import { startOutboxPump } from "@/lib/jobs/outbox";
import { startFakeRunpod, type FakeRunpod } from "./fake-runpod";
import { startPipeline, type Pipeline } from "./harness";

export async function startRunpodPipeline(): Promise<{ fake: FakeRunpod; p: Pipeline }> {
  const fake = await startFakeRunpod();
  Object.assign(process.env, { RENDER_BACKEND: "runpod", RUNPOD_API_URL: fake.apiUrl, RUNPOD_ENDPOINT_ID: fake.endpointId, RUNPOD_API_KEY: fake.apiKey });
  const p = await startPipeline();
  startOutboxPump(300);
  return { fake, p };
}
