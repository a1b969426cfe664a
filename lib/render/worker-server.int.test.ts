/**
 * The local render worker over HTTP with the harness's S3: RunPod's run/status/cancel API, the
 * webhook (with retries), fault injection, and the `local` backend as its client.
 */
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buckets, s3 } from "@/lib/storage/s3";
import { probe } from "./ffmpeg";
import { localBackend } from "./local-backend";
import { downloadObject } from "./s3-io";
import { stillImage } from "./test-media";
import type { BackendResult, SceneRenderRequest } from "./types";
import { startRenderWorker, type RenderWorker } from "./worker-server";

const exec = promisify(execFile);

/** A webhook receiver that answers with the queued statuses (then 200) and records every call. */
function receiver() {
  const calls: BackendResult[] = [];
  const statuses: number[] = [];
  const waiters: (() => void)[] = [];
  const server = http.createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    calls.push(JSON.parse(body) as BackendResult);
    res.writeHead(statuses.shift() ?? 200).end();
    waiters.splice(0).forEach((w) => w());
  });
  return {
    calls,
    statuses,
    server,
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback?token=t`,
    /** Resolves once `n` calls have arrived. */
    async waitFor(n: number, timeoutMs = 20_000): Promise<BackendResult[]> {
      const deadline = Date.now() + timeoutMs;
      while (calls.length < n) {
        if (Date.now() > deadline) throw new Error(`only ${calls.length} of ${n} webhook calls`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
      return calls;
    },
  };
}

let worker: RenderWorker;
let hook: ReturnType<typeof receiver>;
let seq = 0;

const request = (over: Partial<SceneRenderRequest> = {}): SceneRenderRequest => ({
  jobId: "job-1",
  sceneId: `scene-${++seq}`,
  prompt: "a lighthouse at dawn",
  negativePrompt: "",
  duration: 1,
  width: 160,
  height: 90,
  fps: 24,
  seed: 1,
  output: { bucket: buckets().outputs, key: `test/worker/${Date.now()}-${seq}.mp4` },
  callbackUrl: hook.url(),
  ...over,
});

const api = (p: string, init?: RequestInit) => fetch(`${worker.url}/v2/local${p}`, init);
const post = (p: string, body?: unknown) => api(p, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body ?? {}) });

async function pollUntil(id: string, done: (r: BackendResult) => boolean, timeoutMs = 20_000): Promise<BackendResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = (await (await api(`/status/${id}`)).json()) as BackendResult;
    if (done(r) || Date.now() > deadline) return r;
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** Polls `probe` until it holds (an observable state, never a fixed delay). */
async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

/**
 * A marker render through `w`: once its webhook has arrived, anything the worker would have sent
 * for earlier requests has been sent (with concurrency 1 the marker starts only after every
 * earlier render has stopped). Returns the marker's request id.
 */
async function marker(w: RenderWorker): Promise<string> {
  const req = request();
  const res = await fetch(`${w.url}/v2/local/run`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ input: req, webhook: req.callbackUrl }) });
  const { id } = (await res.json()) as { id: string };
  await until(`the marker ${id}'s webhook`, async () => hook.calls.some((c) => c.id === id));
  return id;
}

async function exists(bucket: string, key: string): Promise<boolean> {
  return s3()
    .send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
    .then(() => true)
    .catch(() => false);
}

beforeAll(async () => {
  hook = receiver();
  await new Promise<void>((r) => hook.server.listen(0, "127.0.0.1", r));
  worker = await startRenderWorker({ port: 0, concurrency: 2, webhookRetryDelayMs: 50 });
});
afterAll(async () => {
  await worker.stop();
  await new Promise((r) => hook.server.close(r));
});
afterEach(async () => {
  await api("/_faults", { method: "DELETE" });
  hook.calls.length = 0;
});

describe("render worker (RunPod queue API)", () => {
  it("renders, uploads the clip to the output location and POSTs COMPLETED to the webhook", async () => {
    const backend = localBackend({ url: worker.url });
    const req = request({ duration: 1.5 });
    const { requestId } = await backend.submit(req);
    const [call] = await hook.waitFor(1);
    expect(call).toEqual({ id: requestId, status: "COMPLETED", output: { bucket: req.output.bucket, key: req.output.key, duration: 1.5 }, executionTime: expect.any(Number) });
    expect(await backend.status(requestId)).toEqual(call);
    const local = path.join(os.tmpdir(), `framecast-worker-test-${requestId}.mp4`);
    await downloadObject(s3(), req.output, local);
    expect(await probe(local)).toMatchObject({ duration: 1.5, width: 160, height: 90, fps: 24, videoCodec: "h264" });
    await fs.rm(local, { force: true });
  });

  it("renders the reference image when one is given, fetched from S3", async () => {
    const image = await stillImage(path.join(os.tmpdir(), `framecast-ref-${Date.now()}.png`), "testsrc2=s=200x150");
    const ref = { bucket: buckets().assets, key: `test/worker/ref-${Date.now()}.png` };
    await s3().send(new PutObjectCommand({ Bucket: ref.bucket, Key: ref.key, Body: await fs.readFile(image), ContentType: "image/png" }));
    const req = request({ referenceImage: ref });
    const { id } = (await (await post("/run", { input: req, webhook: req.callbackUrl })).json()) as { id: string };
    expect((await pollUntil(id, (r) => r.status === "COMPLETED" || r.status === "FAILED")).status).toBe("COMPLETED");
    expect(await exists(req.output.bucket, req.output.key)).toBe(true);
    await fs.rm(image, { force: true });
  });

  it("cancel kills the render: CANCELLED, no ffmpeg left, no webhook, no object", async () => {
    // A worker of its own with one slot: the marker render below starts only once the cancelled
    // render has stopped, so its webhook arriving proves the cancelled one sent nothing.
    const solo = await startRenderWorker({ port: 0, concurrency: 1, webhookRetryDelayMs: 50 });
    try {
      const req = request({ duration: 30, width: 1280, height: 720 });
      const run = await fetch(`${solo.url}/v2/local/run`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ input: req, webhook: req.callbackUrl }) });
      const { id } = (await run.json()) as { id: string };
      const running = async () => (await exec("ps", ["-eo", "args"])).stdout.split("\n").some((l) => l.startsWith("ffmpeg") && l.includes(id));
      await until("ffmpeg running", running, 10_000);
      const cancelled = await fetch(`${solo.url}/v2/local/cancel/${id}`, { method: "POST" });
      expect(await cancelled.json()).toEqual({ id, status: "CANCELLED" });
      await until("ffmpeg gone", async () => !(await running()));
      expect(await (await fetch(`${solo.url}/v2/local/health`)).json()).toMatchObject({ jobs: { inProgress: 0 } });
      expect((await (await fetch(`${solo.url}/v2/local/status/${id}`)).json()) as BackendResult).toMatchObject({ status: "CANCELLED" });
      const after = await marker(solo);
      expect(hook.calls.map((c) => c.id)).toEqual([after]);
      expect(await exists(req.output.bucket, req.output.key)).toBe(false);
    } finally {
      await solo.stop();
    }
  });

  it("answers 404 for unknown jobs; the backend reports them FAILED not found", async () => {
    expect((await api("/status/nope")).status).toBe(404);
    expect((await post("/cancel/nope")).status).toBe(404);
    expect((await api("/nothing-here")).status).toBe(404);
    expect(await localBackend({ url: worker.url }).status("nope")).toEqual({ id: "nope", status: "FAILED", error: "not found" });
    expect((await post("/run", { input: { sceneId: "x" } })).status).toBe(400);
  });

  it("fault run500: /run answers 500 that many times, and the backend throws with the status", async () => {
    expect((await post("/_faults", { run500: 2 })).status).toBe(200);
    const backend = localBackend({ url: worker.url });
    await expect(backend.submit(request())).rejects.toMatchObject({ status: 500 });
    await expect(backend.submit(request())).rejects.toThrow(/500/);
    await expect(backend.submit(request())).resolves.toMatchObject({ requestId: expect.any(String) });
    await hook.waitFor(1);
  });

  it("faults failScenes and dropWebhook: FAILED by webhook; COMPLETED only visible by polling", async () => {
    await post("/_faults", { failScenes: ["doomed"] });
    const { requestId } = await localBackend({ url: worker.url }).submit(request({ sceneId: "doomed" }));
    expect((await hook.waitFor(1))[0]).toMatchObject({ id: requestId, status: "FAILED", error: expect.stringContaining("doomed") });

    hook.calls.length = 0;
    await post("/_faults", { failScenes: [], dropWebhook: true, delayMs: 100 });
    const req = request();
    const { id } = (await (await post("/run", { input: req, webhook: req.callbackUrl })).json()) as { id: string };
    expect((await pollUntil(id, (r) => r.status === "COMPLETED")).status).toBe("COMPLETED");
    // The webhook would have been started when the job completed; a later render's webhook
    // arriving (faults cleared) shows the worker got past it.
    await api("/_faults", { method: "DELETE" });
    const after = await marker(worker);
    expect(hook.calls.map((c) => c.id)).toEqual([after]);
  });

  it("retries the webhook twice more on non-2xx answers", async () => {
    hook.statuses.push(500, 503);
    const req = request();
    await post("/run", { input: req, webhook: req.callbackUrl });
    const calls = await hook.waitFor(3);
    expect(calls.map((c) => c.status)).toEqual(["COMPLETED", "COMPLETED", "COMPLETED"]);
    const first = calls[0]!.id;
    // A fourth attempt would follow 50 ms after the third; a later render's webhook (which needs a
    // whole render first) arriving shows there was none.
    const after = await marker(worker);
    expect(hook.calls.map((c) => c.id)).toEqual([first, first, first, after]);
  });

  it("refuses fault injection when not allowed (production)", async () => {
    const prod = await startRenderWorker({ port: 0, allowFaults: false });
    try {
      expect((await fetch(`${prod.url}/v2/local/_faults`, { method: "POST", body: "{}" })).status).toBe(403);
    } finally {
      await prod.stop();
    }
  });
});
