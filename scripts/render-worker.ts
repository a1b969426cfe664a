/**
 * The local render worker (RENDER_BACKEND=local): `tsx scripts/render-worker.ts`. Serves the
 * RunPod-style queue API on 127.0.0.1:RENDER_WORKER_PORT, renders animatics with ffmpeg
 * (RENDER_WORKER_CONCURRENCY at a time) and uploads them to S3 with the app's configuration.
 * Ctrl-C stops it, killing renders in progress.
 */
import fs from "node:fs";
import { config } from "@/lib/config";
import { startRenderWorker } from "@/lib/render/worker-server";

if (fs.existsSync(".env")) process.loadEnvFile(".env");
const c = config();
const worker = await startRenderWorker({ port: c.RENDER_WORKER_PORT, concurrency: c.RENDER_WORKER_CONCURRENCY });
process.stdout.write(`[render-worker] listening on ${worker.url} (concurrency ${c.RENDER_WORKER_CONCURRENCY})\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await worker.stop();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
