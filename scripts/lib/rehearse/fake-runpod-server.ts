/**
 * The project's fake RunPod + worker-comfyui (tests/render/fake-runpod.ts) as a process of its own
 * for the rehearsal. Env: REHEARSAL_RUNPOD_API_KEY, REHEARSAL_RUNPOD_ENDPOINT. Prints one line
 * `READY <apiUrl>` once it listens; SIGTERM stops it.
 */
import { startFakeRunpod } from "@/tests/render/fake-runpod";

const fake = await startFakeRunpod({ apiKey: process.env.REHEARSAL_RUNPOD_API_KEY, endpointId: process.env.REHEARSAL_RUNPOD_ENDPOINT, webhookRetryDelayMs: 1000 });
process.stdout.write(`READY ${fake.apiUrl}\n`);
const stop = () => void fake.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
