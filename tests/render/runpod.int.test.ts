/**
 * The `runpod` backend against a local fake of RunPod + worker-comfyui (fake-runpod.ts): the
 * client's wire format, and whole jobs through the real pipeline (runner, callback route, store,
 * stitch) with RENDER_BACKEND=runpod.
 */
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as generate from "@/app/v1/generate/route";
import { grantCredits } from "@/lib/credits/admin";
import { db } from "@/lib/db/client";
import { sceneClipKey } from "@/lib/jobs/storage";
import { clipSource } from "@/lib/render/clip-output";
import { WORKFLOW_VERSION } from "@/lib/render/comfyui/workflow";
import { BackendHttpError } from "@/lib/render/queue-client";
import { runpodBackend } from "@/lib/render/runpod-backend";
import type { BackendResult, SceneRenderRequest } from "@/lib/render/types";
import { buckets, s3 } from "@/lib/storage/s3";
import { buildPlan } from "@/lib/storyboard/playback";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { userUrn } from "@/lib/urn";
import { starter } from "../helpers/fixtures";
import { call } from "../helpers/http";
import { ledgerMismatches } from "../helpers/ledger";
import type { FakeRunpod } from "./fake-runpod";
import type { Pipeline } from "./harness";
import { startRunpodPipeline } from "./runpod-pipeline";
import { downloadOutput, isTerminalStatus, probe, seedWelcomeAudio, waitForJob } from "./helpers";
import { framesAt, mean } from "@/lib/render/test-media";
import sharp from "sharp";
import { GPU_OOM_MESSAGE } from "@/lib/render/comfyui/errors";

let fake: FakeRunpod;
let p: Pipeline;

beforeAll(async () => {
  ({ fake, p } = await startRunpodPipeline());
  await seedWelcomeAudio();
}, 120_000);
afterAll(async () => {
  await p?.stop();
  await fake?.stop();
});

const request = (over: Partial<SceneRenderRequest> = {}): SceneRenderRequest => ({
  jobId: "00000000-0000-4000-8000-000000000001",
  sceneId: "storm",
  prompt: "a lighthouse in a storm",
  negativePrompt: "blurry",
  duration: 2,
  width: 1280,
  height: 720,
  fps: 24,
  seed: 42,
  output: { bucket: buckets().outputs, key: "test/runpod/clip.mp4" },
  callbackUrl: "http://127.0.0.1:9/none",
  ...over,
});

async function settle(backend: ReturnType<typeof runpodBackend>, id: string): Promise<BackendResult> {
  for (let i = 0; i < 100; i++) {
    const r = await backend.status(id);
    if (r.status !== "IN_QUEUE" && r.status !== "RUNNING" && r.status !== "IN_PROGRESS") return r;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error("the fake never finished");
}

describe("runpod backend: the RunPod queue API as worker-comfyui sees it", { timeout: 60_000 }, () => {
  it("submits a valid Wan 2.2 workflow with Bearer auth, our webhook and a policy; the clip comes back as a URL", async () => {
    const backend = runpodBackend();
    const { requestId } = await backend.submit(request());
    const job = fake.jobs.get(requestId)!;
    expect(job.webhook).toBe("http://127.0.0.1:9/none");
    expect(job.policy).toMatchObject({ executionTimeout: expect.any(Number), ttl: expect.any(Number) });
    const result = await settle(backend, requestId);
    expect(result.status, result.error).toBe("COMPLETED");
    const source = clipSource(result.output);
    expect(source?.kind).toBe("url");
    expect(backend.model).toBe(WORKFLOW_VERSION);
  });

  it("a symbol's reference image goes along as input.images, resized to the generation size, and the workflow loads it (image-to-video)", async () => {
    const key = "test/runpod/ref.png";
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
    await s3().send(new PutObjectCommand({ Bucket: buckets().assets, Key: key, Body: png, ContentType: "image/png" }));
    const { requestId } = await runpodBackend().submit(request({ referenceImage: { bucket: buckets().assets, key } }));
    const input = fake.jobs.get(requestId)!.input as { workflow: Record<string, { class_type: string; inputs: Record<string, unknown> }>; images: { name: string; image: string }[] };
    expect(input.images.map((i) => i.name)).toEqual(["start.jpg"]);
    expect(await sharp(Buffer.from(input.images[0]!.image, "base64")).metadata()).toMatchObject({ format: "jpeg", width: 1280, height: 704 });
    const load = Object.entries(input.workflow).find(([, n]) => n.class_type === "LoadImage")!;
    expect(load[1].inputs.image).toBe("start.jpg");
    const latent = Object.values(input.workflow).find((n) => n.class_type === "Wan22ImageToVideoLatent")!;
    expect(latent.inputs.start_image).toEqual([load[0], 0]);
    expect((await settle(runpodBackend(), requestId)).status).toBe("COMPLETED");
  });

  it("HTTP errors throw (the step retries: 429, 500); a wrong key is 401; an expired job reads as FAILED not found; cancel", async () => {
    const backend = runpodBackend();
    fake.failNext(1, 429);
    await expect(backend.submit(request())).rejects.toMatchObject({ name: "BackendHttpError", status: 429 });
    await expect(runpodBackend({ apiKey: "wrong" }).status("x")).rejects.toBeInstanceOf(BackendHttpError);
    expect(await backend.status("no-such-job")).toMatchObject({ status: "FAILED", error: "not found" });
    const { requestId } = await backend.submit(request({ duration: 20 }));
    await backend.cancel(requestId);
    expect((await backend.status(requestId)).status).toBe("CANCELLED");
    await backend.cancel("no-such-job"); // a no-op
  });

  it("a worker exception's JSON-encoded error string is read out to its message", async () => {
    const { readableError } = await import("@/lib/render/queue-client");
    const error = JSON.stringify({ error_type: "RuntimeError", error_message: "CUDA out of memory", error_traceback: "…", hostname: "h" });
    expect(readableError({ error }).error).toBe(`${GPU_OOM_MESSAGE} Worker: RuntimeError: CUDA out of memory`);
    expect(readableError({ error: "Missing 'workflow' parameter" }).error).toBe("Missing 'workflow' parameter");
    const details = { error: "Job processing failed", output: { details: ["Workflow execution error: Node Type: KSampler, Node ID: 3, Message: bad\u0007 value"] } };
    expect(readableError(details).error).toBe("Job processing failed — Workflow execution error: Node Type: KSampler, Node ID: 3, Message: bad value");
  });
});

async function submitWelcome() {
  const s = await starter();
  await grantCredits(db(), userUrn(s.sub), 400);
  const res = await call(generate.POST, { method: "POST", token: s.token, body: { spec: WELCOME_SPEC } });
  expect(res.status).toBe(201);
  return { s, job: res.json as { id: string; credits_charged: number } };
}

describe("render pipeline with RENDER_BACKEND=runpod (fake RunPod)", { timeout: 200_000 }, () => {
  it("renders the welcome storyboard: clips copied into our bucket, the video lasts the estimate, metadata names the workflow", async () => {
    const { s, job } = await submitWelcome();
    const done = await waitForJob(job.id, isTerminalStatus, 150_000);
    expect(done.status, JSON.stringify(done.error)).toBe("completed");
    const out = done.output as { video_key: string; duration: number; metadata: { backend: string; model: string } };
    expect(out.metadata).toMatchObject({ backend: "runpod", model: WORKFLOW_VERSION });
    // the scene clip in our bucket is the fake's render: 4k+1 frames at 1280x704, stored as video/mp4
    const key = sceneClipKey(userUrn(s.sub), job.id, "storm");
    const head = await s3().send(new GetObjectCommand({ Bucket: buckets().outputs, Key: key }));
    expect(head.ContentType).toBe("video/mp4");
    const clip = await probe(await downloadOutput(key));
    expect(clip).toMatchObject({ width: 1280, height: 704 });
    const final = await probe(await downloadOutput(out.video_key));
    expect(Math.abs(final.duration - buildPlan(WELCOME_SPEC).duration)).toBeLessThanOrEqual(0.1);
    expect(final).toMatchObject({ width: 1280, height: 720 });
    // 1280x704 clips cover the 720p frame (cropped, no black bars): the top row is not black
    const [top] = await framesAt(await downloadOutput(out.video_key), [2], 24, "1280x720");
    expect(mean(top!.subarray(0, 1280 * 4))).toBeGreaterThan(30);
    expect(await ledgerMismatches()).toEqual([]);
  });

  it("without webhooks the bounded poll finds the results; base64 output is stored too", async () => {
    fake.setWebhooks(false);
    fake.setOutput("base64");
    try {
      const { job } = await submitWelcome();
      const done = await waitForJob(job.id, isTerminalStatus, 150_000);
      expect(done.status, JSON.stringify(done.error)).toBe("completed");
    } finally {
      fake.setWebhooks(true);
      fake.setOutput("s3_url");
    }
  });

  it("a worker that returns no video fails the job as system with a full refund and a clear error", async () => {
    fake.setOutput("png-only");
    try {
      const { s, job } = await submitWelcome();
      const done = await waitForJob(job.id, isTerminalStatus, 150_000);
      expect(done.status).toBe("failed");
      expect(done.failureType).toBe("system");
      expect(JSON.stringify(done.error)).toContain("without a video clip");
      const [row] = await db().execute<{ credits: number }>(sql`select credits from users where id = ${s.sub}`);
      expect(row!.credits).toBe(400 + 100); // signup 100 in tests + grant 400, all refunded
      expect(await ledgerMismatches()).toEqual([]);
    } finally {
      fake.setOutput("s3_url");
    }
  });
});
