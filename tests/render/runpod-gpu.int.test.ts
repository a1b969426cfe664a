/**
 * Issue 15's acceptance against the fake RunPod (fake-runpod.ts), whole jobs through the real
 * pipeline (runner, callback route, store, join, stitch), PostgreSQL, S3 and ffmpeg/ffprobe:
 * long scenes as chained segments at the model's size and 24 fps, stitched to the output's size and
 * frame rate; large reference images resized under RunPod's 10 MB limit; worker error details in
 * the job's error; base64 callbacks over 1 MiB accepted.
 */
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as generate from "@/app/v1/generate/route";
import { renderRequests } from "@/drizzle/schema";
import { grantCredits } from "@/lib/credits/admin";
import { db } from "@/lib/db/client";
import { sceneClipKey } from "@/lib/jobs/storage";
import { ffprobe } from "@/lib/render/ffmpeg";
import { MAX_RUN_BODY_BYTES, queueClient, RenderRequestError } from "@/lib/render/queue-client";
import { runpodBackend } from "@/lib/render/runpod-backend";
import type { SceneRenderRequest } from "@/lib/render/types";
import { buckets, s3 } from "@/lib/storage/s3";
import type { Storyboard } from "@/lib/storyboard/schema";
import { userUrn } from "@/lib/urn";
import { starter } from "../helpers/fixtures";
import { call } from "../helpers/http";
import { ledgerMismatches } from "../helpers/ledger";
import { RUN_LIMIT_BYTES, type FakeRunpod } from "./fake-runpod";
import type { Pipeline } from "./harness";
import { startRunpodPipeline } from "./runpod-pipeline";
import { STITCH_SCENE_ID } from "@/lib/jobs/finish";
import { downloadOutput, isTerminalStatus, waitForJob } from "./helpers";

let fake: FakeRunpod;
let p: Pipeline;

beforeAll(async () => {
  ({ fake, p } = await startRunpodPipeline());
}, 120_000);
afterAll(async () => {
  await p?.stop();
  await fake?.stop();
});

type Graph = Record<string, { class_type: string; inputs: Record<string, unknown> }>;
const nodeOf = (wf: Graph, type: string) => Object.values(wf).find((n) => n.class_type === type);

async function submit(spec: Storyboard, options: Record<string, unknown> = {}, credits = 5000) {
  const s = await starter();
  await grantCredits(db(), userUrn(s.sub), credits);
  const res = await call(generate.POST, { method: "POST", token: s.token, body: { spec, options } });
  expect(res.status, res.text).toBe(201);
  return { s, job: res.json as { id: string; credits_charged: number } };
}

/** Frames, size and rate of the first video stream, counted by decoding. */
async function videoStream(file: string) {
  const { stdout } = await ffprobe(["-count_frames", "-select_streams", "v:0", "-show_entries", "stream=width,height,r_frame_rate,nb_read_frames:format=duration", "-of", "json", file]);
  const j = JSON.parse(stdout) as { streams: { width: number; height: number; r_frame_rate: string; nb_read_frames: string }[]; format: { duration: string } };
  const v = j.streams[0]!;
  return { width: v.width, height: v.height, fps: v.r_frame_rate, frames: Number(v.nb_read_frames), duration: Number(j.format.duration) };
}

const fakeJobsFor = (requestIds: string[]) => requestIds.map((id) => fake.jobs.get(id)!);

async function requestIds(jobId: string): Promise<string[]> {
  const rows = await db().select().from(renderRequests).where(eq(renderRequests.jobId, jobId));
  return rows
    .filter((r) => r.requestId && r.sceneId !== STITCH_SCENE_ID) // the stitch runs on the render worker, not RunPod
    .sort((a, b) => a.sceneId.localeCompare(b.sceneId, "en", { numeric: true }))
    .map((r) => r.requestId!);
}

describe("long scenes: chained segments at the model's size and 24 fps, stitched to the output", { timeout: 300_000 }, () => {
  it("a 30 s scene at 30 fps and 1080p: 6 chained 121-frame segments at 1280x704/24 fps, stitched to exactly 30 s at 1920x1080/30 fps", async () => {
    const spec: Storyboard = { title: "long", scenes: [{ id: "long", prompt: "a slow pan over a harbour at dawn", duration: 30 }] } as Storyboard;
    const { s, job } = await submit(spec, { fps: 30, resolution: "1080p" });
    const done = await waitForJob(job.id, isTerminalStatus, 280_000);
    expect(done.status, JSON.stringify(done.error)).toBe("completed");

    const runs = fakeJobsFor(await requestIds(job.id));
    expect(runs).toHaveLength(6);
    runs.forEach((run, i) => {
      const wf = (run.input as { workflow: Graph }).workflow;
      expect(nodeOf(wf, "Wan22ImageToVideoLatent")!.inputs).toMatchObject({ width: 1280, height: 704, length: 121 });
      expect(nodeOf(wf, "CreateVideo")!.inputs.fps).toBe(24);
      const images = (run.input as { images?: { name: string }[] }).images ?? [];
      // segment i > 0 starts from segment i-1's last frame, which segment i-1 saved (all but the last)
      expect(images.map((im) => im.name)).toEqual(i === 0 ? [] : ["start.jpg"]);
      expect(Boolean(nodeOf(wf, "SaveImage"))).toBe(i < 5);
      expect(run.runBytes).toBeLessThan(RUN_LIMIT_BYTES);
    });

    // the joined scene clip: 121 + 5 × 120 frames at 24 fps, 1280x704, no duplicated frame at the joins
    const clip = await videoStream(await downloadOutput(sceneClipKey(userUrn(s.sub), job.id, "long")));
    expect(clip).toMatchObject({ width: 1280, height: 704, fps: "24/1", frames: 721 });

    const out = done.output as { video_key: string; duration: number; resolution: string };
    const final = await videoStream(await downloadOutput(out.video_key));
    console.info("acceptance ffprobe: scene clip", clip, "final", final);
    expect(final).toMatchObject({ width: 1920, height: 1080, fps: "30/1", frames: 900 });
    expect(final.duration).toBeCloseTo(30, 1);
    expect(out).toMatchObject({ duration: 30, resolution: "1920x1080" });

    // progress stays per scene: one scene_complete for the scene, none per segment
    const events = await db().execute<{ n: number }>(sql`select count(*)::int as n from job_events where job_id = ${job.id} and event_type = 'scene_complete'`);
    expect(events[0]!.n).toBe(1);
    expect(await ledgerMismatches()).toEqual([]);
  });

  it("a 5 s scene at 25 fps stays one request; the stitch converts 121 frames at 24 fps to 5 s at 25 fps (not 1.04x fast)", async () => {
    const spec = { title: "short", scenes: [{ id: "s", prompt: "waves", duration: 5 }] } as Storyboard;
    const { job } = await submit(spec, { fps: 25 });
    const done = await waitForJob(job.id, isTerminalStatus, 150_000);
    expect(done.status, JSON.stringify(done.error)).toBe("completed");
    const runs = fakeJobsFor(await requestIds(job.id));
    expect(runs).toHaveLength(1);
    const wf = (runs[0]!.input as { workflow: Graph }).workflow;
    expect(nodeOf(wf, "CreateVideo")!.inputs.fps).toBe(24);
    expect(nodeOf(wf, "Wan22ImageToVideoLatent")!.inputs.length).toBe(121);
    const final = await videoStream(await downloadOutput((done.output as { video_key: string }).video_key));
    expect(final).toMatchObject({ width: 1280, height: 720, fps: "25/1", frames: 125 });
  });
});

const request = (over: Partial<SceneRenderRequest> = {}): SceneRenderRequest => ({
  jobId: "00000000-0000-4000-8000-000000000002",
  sceneId: "ref",
  prompt: "a portrait",
  negativePrompt: "",
  duration: 2,
  width: 1920,
  height: 1080,
  fps: 30,
  seed: 7,
  output: { bucket: buckets().outputs, key: "test/runpod-gpu/clip.mp4" },
  callbackUrl: "http://127.0.0.1:9/none",
  ...over,
});

describe("requests within RunPod's limits", { timeout: 120_000 }, () => {
  it("a 20 MiB reference image is resized to 1280x704 and sent well under the 10 MB limit", async () => {
    const side = 2700;
    const noise = Buffer.alloc(side * side * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const big = await sharp(noise, { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
    expect(big.length).toBeGreaterThan(20 * 1024 * 1024);
    const key = "test/runpod-gpu/huge.png";
    await s3().send(new PutObjectCommand({ Bucket: buckets().assets, Key: key, Body: big, ContentType: "image/png" }));

    const { requestId } = await runpodBackend().submit(request({ referenceImage: { bucket: buckets().assets, key } }));
    const run = fake.jobs.get(requestId)!;
    expect(run.runBytes).toBeLessThan(MAX_RUN_BODY_BYTES);
    const image = (run.input as { images: { name: string; image: string }[] }).images[0]!;
    expect(await sharp(Buffer.from(image.image, "base64")).metadata()).toMatchObject({ format: "jpeg", width: 1280, height: 704 });
  });

  it("a request that would still exceed 10 MB fails before submitting, as a validation failure", async () => {
    const before = fake.jobs.size;
    const client = queueClient({ baseUrl: () => `${fake.apiUrl}/${fake.endpointId}`, apiKey: () => fake.apiKey, what: "RunPod" });
    const err = await client.run({ input: { workflow: {}, images: [{ name: "x.png", image: "A".repeat(RUN_LIMIT_BYTES) }] } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RenderRequestError);
    expect(err).toMatchObject({ failure: "validation", code: "REQUEST_TOO_LARGE" });
    expect((err as Error).message).toMatch(/over RunPod's 10000000-byte limit/);
    expect(fake.jobs.size).toBe(before);
  });
});

describe("what the worker and RunPod report", { timeout: 200_000 }, () => {
  const spec = { title: "err", scenes: [{ id: "e", prompt: "a storm", duration: 2 }] } as Storyboard;

  it("worker-comfyui's error details reach the job's error (system failure, full refund)", async () => {
    fake.setWorkerError(["Workflow execution error: Node Type: KSampler, Node ID: 3, Message: Expected all tensors to be on the same device"]);
    try {
      const { s, job } = await submit(spec, {}, 400);
      const done = await waitForJob(job.id, isTerminalStatus, 150_000);
      expect(done.status).toBe("failed");
      expect(done.failureType).toBe("system");
      expect(done.error).toMatchObject({ code: "SCENE_FAILED", scene_id: "e" });
      expect((done.error as { message: string }).message).toBe(
        "Job processing failed — Workflow execution error: Node Type: KSampler, Node ID: 3, Message: Expected all tensors to be on the same device",
      );
      const [row] = await db().execute<{ credits: number }>(sql`select credits from users where id = ${s.sub}`);
      expect(row!.credits).toBe(400 + 100);
    } finally {
      fake.setWorkerError(null);
    }
  });

  it("a CUDA out-of-memory is a clear system failure with its own code", async () => {
    fake.setWorkerError(["Workflow execution error: Node Type: KSampler, Node ID: 3, Message: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 9.00 GiB"]);
    try {
      const { job } = await submit(spec, {}, 400);
      const done = await waitForJob(job.id, isTerminalStatus, 150_000);
      expect(done.failureType).toBe("system");
      expect(done.error).toMatchObject({ code: "GPU_OUT_OF_MEMORY", message: expect.stringMatching(/^The GPU ran out of memory .*Tried to allocate 9.00 GiB/) });
    } finally {
      fake.setWorkerError(null);
    }
  });

  it("a base64-mode webhook over 1 MiB is accepted (200, never 413) and the job completes", async () => {
    fake.setOutput("base64");
    try {
      const { job } = await submit(spec, {}, 400);
      const done = await waitForJob(job.id, isTerminalStatus, 150_000);
      expect(done.status, JSON.stringify(done.error)).toBe("completed");
      const [run] = fakeJobsFor(await requestIds(job.id));
      expect(run!.webhookBytes).toBeGreaterThan(1024 * 1024);
      expect(run!.webhookAnswers).toEqual([200]);
    } finally {
      fake.setOutput("s3_url");
    }
  });
});
