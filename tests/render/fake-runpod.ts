/**
 * A local fake of RunPod Serverless running worker-comfyui, speaking their wire formats
 * (shared/notes/render-backends.md §1–2): `POST /v2/<endpoint>/run`, `GET …/status/:id`,
 * `POST …/cancel/:id` with a Bearer key; the job's `input.workflow` validated against the ComfyUI
 * node definitions fixture the way the worker does ("Workflow validation failed: …"); the "render"
 * an ffmpeg test pattern of the workflow's size, frame count and fps — the frames the graph's
 * CreateVideo takes (an ImageFromBatch before it drops frames) and a PNG per SaveImage (the last
 * frame) — named as ComfyUI names them (`<prefix basename>_00001_.<ext>`); the result in S3 mode
 * (`output.images[]` with a URL, served by this fake) or base64; status `IN_QUEUE` → `RUNNING` →
 * terminal; a `/run` body over 10 MB refused; worker-comfyui's failures as runpod-python reports
 * them (`error` = "Job processing failed", `output.details`); the webhook POSTed with the status
 * body itself and retried twice on failure.
 */
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { OBJECT_INFO, validateWorkflow, type ApiWorkflow } from "@/lib/render/comfyui/validate";

const run = promisify(execFile);

type Status = "IN_QUEUE" | "RUNNING" | "IN_PROGRESS" | "COMPLETED" | "FAILED" | "CANCELLED";

/** RunPod's `/run` payload limit. */
export const RUN_LIMIT_BYTES = 10 * 1000 * 1000;

interface FakeJob {
  id: string;
  status: Status;
  input: unknown;
  webhook?: string;
  policy?: unknown;
  output?: Record<string, unknown>;
  error?: string;
  executionTime?: number;
  webhookAttempts: number;
  /** HTTP status of each webhook attempt, and the size of the body sent. */
  webhookAnswers: number[];
  webhookBytes?: number;
  /** Size of the `/run` body. */
  runBytes: number;
}

export interface FakeRunpodOptions {
  endpointId?: string;
  apiKey?: string;
  /** How the worker returns the clip: S3 mode (a URL) or base64, or only a PNG (no video). */
  output?: "s3_url" | "base64" | "png-only";
  webhookRetryDelayMs?: number;
}

export interface FakeRunpod {
  /** RUNPOD_API_URL for the app (…/v2). */
  apiUrl: string;
  endpointId: string;
  apiKey: string;
  jobs: Map<string, FakeJob>;
  /** The next `n` API requests answer this status (e.g. 429, 500). */
  failNext(n: number, status?: number): void;
  /** Off: no webhook is sent (the app must fall back to polling /status). */
  setWebhooks(on: boolean): void;
  setOutput(mode: NonNullable<FakeRunpodOptions["output"]>): void;
  /** The next jobs fail in the handler with worker-comfyui's `{error, details}` (null: stop). */
  setWorkerError(details: string[] | null): void;
  stop(): Promise<void>;
}

async function body(req: http.IncomingMessage): Promise<{ json: unknown; bytes: number }> {
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
  const raw = Buffer.concat(chunks);
  try {
    return { json: JSON.parse(raw.toString("utf8") || "null") as unknown, bytes: raw.length };
  } catch {
    return { json: undefined, bytes: raw.length };
  }
}

function send(res: http.ServerResponse, status: number, json: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
}

function statusBody(job: FakeJob) {
  const { id, status, output, error, executionTime } = job;
  return { id, status, delayTime: 12, ...(executionTime !== undefined ? { executionTime } : {}), ...(output ? { output } : {}), ...(error ? { error } : {}) };
}

function nodeOf(workflow: ApiWorkflow, classType: string) {
  return Object.values(workflow).find((n) => n.class_type === classType);
}

export async function startFakeRunpod(opts: FakeRunpodOptions = {}): Promise<FakeRunpod> {
  const endpointId = opts.endpointId ?? "fake-endpoint";
  const apiKey = opts.apiKey ?? "rpa_fake_key";
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "fake-runpod-"));
  const jobs = new Map<string, FakeJob>();
  let failures: { n: number; status: number } = { n: 0, status: 500 };
  let webhooks = true;
  let outputMode = opts.output ?? "s3_url";
  let workerError: string[] | null = null;
  let seq = 0;
  let base = "";

  async function deliver(job: FakeJob) {
    if (!job.webhook || !webhooks) return;
    for (let attempt = 0; attempt < 3; attempt++) {
      job.webhookAttempts++;
      const payload = JSON.stringify(statusBody(job));
      job.webhookBytes = Buffer.byteLength(payload);
      const answer = await fetch(job.webhook, { method: "POST", headers: { "content-type": "application/json" }, body: payload })
        .then(async (r) => (await r.body?.cancel(), r.status))
        .catch(() => 0);
      job.webhookAnswers.push(answer);
      const ok = answer === 200;
      if (ok) return;
      await new Promise((r) => setTimeout(r, opts.webhookRetryDelayMs ?? 100));
    }
  }

  function fail(job: FakeJob, error: string, details?: string[]) {
    Object.assign(job, { status: "FAILED", error, ...(details ? { output: { details } } : {}) });
    void deliver(job);
  }

  async function render(job: FakeJob) {
    const input = job.input as { workflow?: ApiWorkflow; images?: { name?: unknown; image?: unknown }[] } | null;
    if (!input?.workflow) return fail(job, "Missing 'workflow' parameter");
    const images = input.images ?? [];
    if (!images.every((i) => typeof i?.name === "string" && typeof i.image === "string")) {
      return fail(job, "'images' must be a list of objects with 'name' and 'image' keys");
    }
    const problems = validateWorkflow(input.workflow, OBJECT_INFO, { images: images.map((i) => i.name as string) });
    if (problems.length) return fail(job, `Workflow validation failed:\n${problems.map((p) => `• ${p}`).join("\n")}`);
    job.status = "RUNNING";
    if (workerError) return fail(job, "Job processing failed", workerError);
    const wf = input.workflow;
    const latent = nodeOf(wf, "Wan22ImageToVideoLatent")!.inputs as { width: number; height: number; length: number };
    const create = nodeOf(wf, "CreateVideo")!.inputs as { fps: number; images: [string, number] };
    const source = wf[create.images[0]]!;
    const frames = source.class_type === "ImageFromBatch" ? Math.min((source.inputs.length as number), latent.length - (source.inputs.batch_index as number)) : latent.length;
    const started = Date.now();
    const file = path.join(dir, `${job.id}.mp4`);
    const size = `${latent.width}x${latent.height}`;
    await run("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", `testsrc2=size=${size}:rate=${create.fps}`, "-frames:v", String(frames), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", file]);
    const stills = Object.values(wf).filter((n) => n.class_type === "SaveImage");
    for (let i = 0; i < stills.length; i++) {
      await run("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", `testsrc2=size=${size}:rate=1`, "-frames:v", "1", path.join(dir, `${job.id}-${i}.png`)]);
    }
    if ((job.status as Status) === "CANCELLED") return;
    const name = (n: { inputs: Record<string, unknown> } | undefined, ext: string) => `${path.posix.basename(String(n?.inputs.filename_prefix ?? "ComfyUI"))}_00001_.${ext}`;
    const entry = async (filename: string, local: string) =>
      outputMode === "base64"
        ? { filename, type: "base64", data: (await fs.readFile(path.join(dir, local))).toString("base64") }
        : { filename, type: "s3_url", data: `${base}/files/${local}?X-Amz-Signature=fake` };
    const pngs = await Promise.all(stills.map((n, i) => entry(name(n, "png"), `${job.id}-${i}.png`)));
    const output =
      outputMode === "png-only"
        ? { images: [{ filename: "ComfyUI_00001_.png", type: "s3_url", data: `${base}/files/${job.id}.png` }] }
        : { images: [await entry(name(nodeOf(wf, "SaveVideo"), "mp4"), `${job.id}.mp4`), ...pngs] };
    Object.assign(job, { status: "COMPLETED", output, executionTime: Date.now() - started });
    await deliver(job);
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://x");
      const file = /^\/files\/([\w-]+\.(mp4|png))$/.exec(url.pathname);
      if (file && req.method === "GET") {
        const bytes = await fs.readFile(path.join(dir, file[1]!)).catch(() => null);
        if (!bytes) return send(res, 404, { error: "no such file" });
        return res.writeHead(200, { "content-type": `image/${file[2]}`, "content-length": bytes.length }).end(bytes);
      }
      const m = /^\/v2\/([^/]+)\/(run|status|cancel)(?:\/([^/]+))?$/.exec(url.pathname);
      if (!m || m[1] !== endpointId) return send(res, 404, { error: "not found" });
      if (req.headers.authorization !== `Bearer ${apiKey}`) return send(res, 401, { error: "Unauthorized" });
      if (failures.n > 0) {
        failures.n--;
        return send(res, failures.status, { error: `fake failure ${failures.status}` });
      }
      const [, , op, id] = m;
      if (op === "run" && req.method === "POST") {
        const got = await body(req);
        if (got.bytes > RUN_LIMIT_BYTES) return send(res, 413, { error: `request body of ${got.bytes} bytes exceeds the 10 MB limit` });
        const b = got.json as { input?: unknown; webhook?: string; policy?: unknown } | undefined;
        if (!b || b.input === undefined) return send(res, 400, { error: "input is required" });
        const job: FakeJob = {
          id: `fake-${++seq}-${Date.now().toString(36)}`,
          status: "IN_QUEUE",
          input: b.input,
          webhook: b.webhook,
          policy: b.policy,
          webhookAttempts: 0,
          webhookAnswers: [],
          runBytes: got.bytes,
        };
        jobs.set(job.id, job);
        setTimeout(() => void render(job).catch((err: unknown) => fail(job, "Job processing failed", [String(err)])), 20);
        return send(res, 200, { id: job.id, status: "IN_QUEUE" });
      }
      const job = id ? jobs.get(id) : undefined;
      if (!job) return send(res, 404, { error: "job not found" });
      if (op === "status" && req.method === "GET") return send(res, 200, statusBody(job));
      if (op === "cancel" && req.method === "POST") {
        if (job.status === "IN_QUEUE" || job.status === "RUNNING" || job.status === "IN_PROGRESS") job.status = "CANCELLED";
        return send(res, 200, { id: job.id, status: job.status });
      }
      return send(res, 405, { error: "method not allowed" });
    })().catch((err: unknown) => send(res, 500, { error: String(err) }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    apiUrl: `${base}/v2`,
    endpointId,
    apiKey,
    jobs,
    failNext: (n, status = 500) => (failures = { n, status }),
    setWebhooks: (on) => (webhooks = on),
    setOutput: (mode) => (outputMode = mode),
    setWorkerError: (details) => (workerError = details),
    async stop() {
      await new Promise((r) => server.close(r));
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
