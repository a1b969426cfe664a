import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as generate from "@/app/v1/generate/route";
import * as cancel from "@/app/v1/jobs/[id]/cancel/route";
import * as jobOne from "@/app/v1/jobs/[id]/route";
import { grantCredits } from "@/lib/credits/admin";
import { db } from "@/lib/db/client";
import { signCallbackToken } from "@/lib/jobs/callback-token";
import { startOutboxPump } from "@/lib/jobs/outbox";
import { jobPrefix } from "@/lib/jobs/storage";
import { buckets, s3 } from "@/lib/storage/s3";
import { buildPlan } from "@/lib/storyboard/playback";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { userUrn } from "@/lib/urn";
import { starter } from "../helpers/fixtures";
import { call } from "../helpers/http";
import { ledgerMismatches } from "../helpers/ledger";
import { startPipeline, type Pipeline } from "./harness";
import { downloadOutput, eventTypes, isTerminalStatus, probe, seedWelcomeAudio, setFaults, waitForJob } from "./helpers";

let p: Pipeline;
const SMALL = { resolution: "720p" as const, fps: 24 as const };

beforeAll(async () => {
  p = await startPipeline();
  startOutboxPump(300);
  await seedWelcomeAudio();
}, 120_000);
afterAll(async () => p?.stop());

async function submit(options: Record<string, unknown> = SMALL) {
  const s = await starter();
  await grantCredits(db(), userUrn(s.sub), 400);
  const res = await call(generate.POST, { method: "POST", token: s.token, body: { spec: WELCOME_SPEC, options } });
  expect(res.status).toBe(201);
  return { s, job: res.json as { id: string; credits_charged: number } };
}

/** Polls `probe` until it holds: an observable state of the system, never a fixed delay. */
async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const requestStatuses = async (jobId: string) =>
  db().execute<{ scene_id: string; request_id: string | null; status: string }>(
    sql`select scene_id, request_id, status from render_requests where job_id = ${jobId} order by created_at`,
  );

type RunSummary = { function_id: string; status: string; event: { data: { job_id?: string } } };
const runsOf = async (fn: string): Promise<RunSummary[]> =>
  ((await (await fetch(`${p.runnerUrl}/v1/runs?function=${fn}`)).json()) as { data: RunSummary[] }).data;
const runOf = async (fn: string, jobId: string) => (await runsOf(fn)).find((r) => r.event.data.job_id === jobId);

async function balance(userId: string) {
  const [row] = await db().execute<{ credits: number }>(sql`select credits from users where id = ${userId}`);
  return row!.credits;
}

describe("render pipeline (local backend, local Inngest runner)", { timeout: 200_000 }, () => {
  it("renders the welcome storyboard: events in order, a video of the planned length with sound, charged once", async () => {
    const t0 = Date.now();
    const { s, job } = await submit();
    const done = await waitForJob(job.id, isTerminalStatus);
    expect(done.status, JSON.stringify(done.error)).toBe("completed");
    const wall = Date.now() - t0;
    const types = await eventTypes(job.id);
    expect(types[0]).toBe("queued");
    expect(types[1]).toBe("started");
    expect(types.at(-1)).toBe("completed");
    expect(types.filter((t) => t === "scene_complete")).toHaveLength(2);
    expect(types.indexOf("scene_complete")).toBeGreaterThan(1);
    const out = done.output as { video_key: string; thumbnail_key: string; duration: number; size_bytes: number; metadata: { backend: string } };
    expect(out.metadata.backend).toBe("local");
    const file = await downloadOutput(out.video_key);
    const info = await probe(file);
    const planned = buildPlan(WELCOME_SPEC).duration;
    expect(Math.abs(info.duration - planned)).toBeLessThanOrEqual(0.1);
    expect(info).toMatchObject({ width: 1280, height: 720, hasAudio: true, videoCodec: "h264", audioCodec: "aac" });
    expect(await balance(s.sub)).toBe(400);
    const [user] = await db().execute<{ ephemeral_storage_bytes: number }>(sql`select ephemeral_storage_bytes::int from users where id = ${s.sub}`);
    expect(user!.ephemeral_storage_bytes).toBe(out.size_bytes);
    const detail = await call(jobOne.GET, { token: s.token, params: { id: job.id } });
    expect(detail.json.output.video_url).toMatch(/^http/);
    expect(detail.json.scene_previews).toHaveLength(2);
    expect(await ledgerMismatches()).toEqual([]);
    console.log(`welcome storyboard rendered in ${wall} ms`);
    // Deleting the finished ephemeral job removes its objects and gives the storage back.
    expect((await call(jobOne.DELETE, { method: "DELETE", token: s.token, params: { id: job.id } })).status).toBe(204);
    const left = await s3().send(new ListObjectsV2Command({ Bucket: buckets().outputs, Prefix: jobPrefix(userUrn(s.sub), job.id) }));
    expect(left.KeyCount ?? 0).toBe(0);
    const [after] = await db().execute<{ ephemeral_storage_bytes: number }>(sql`select ephemeral_storage_bytes::int from users where id = ${s.sub}`);
    expect(after!.ephemeral_storage_bytes).toBe(0);
  });

  it("a backend that answers 500 three times still completes", async () => {
    await setFaults(p.workerUrl, { run500: 3 });
    try {
      const { job } = await submit();
      const done = await waitForJob(job.id, isTerminalStatus);
      expect(done.status).toBe("completed");
    } finally {
      await setFaults(p.workerUrl, null);
    }
  });

  it("a scene failing on the backend fails the job as system with a full refund", async () => {
    await setFaults(p.workerUrl, { failScenes: ["dawn"] });
    try {
      const { s, job } = await submit();
      const done = await waitForJob(job.id, isTerminalStatus);
      expect(done.status).toBe("failed");
      expect(done.failureType).toBe("system");
      expect(done.creditsRefunded).toBe(job.credits_charged);
      expect(done.error).toMatchObject({ scene_id: "dawn" });
      expect(await balance(s.sub)).toBe(500);
      expect((await eventTypes(job.id)).at(-1)).toBe("failed");
      expect(await ledgerMismatches()).toEqual([]);
    } finally {
      await setFaults(p.workerUrl, null);
    }
  });

  it("cancel while rendering stops the function and backend requests; a late callback cannot revive the job", async () => {
    await setFaults(p.workerUrl, { delayMs: 4000 });
    try {
      const { s, job } = await submit();
      await waitForJob(job.id, (st) => st === "processing");
      await until("a scene submitted to the backend", async () => (await requestStatuses(job.id)).some((r) => r.request_id !== null));
      const res = await call(cancel.POST, { method: "POST", token: s.token, params: { id: job.id } });
      expect(res.status).toBe(200);
      const refunded = res.json.credits_refunded as number;
      expect(refunded).toBe(Math.floor(job.credits_charged * (1 - res.json.progress.percent / 100) * 0.9));
      // The render function stopped (cancelOn) and the cancel function has stopped every backend
      // request: past this point the worker sends nothing more for the job.
      await until("the render run cancelled and the backend requests stopped", async () => {
        const [render, stop] = [await runOf("render-job", job.id), await runOf("cancel-backend-requests", job.id)];
        const requests = await requestStatuses(job.id);
        return render?.status === "cancelled" && stop?.status === "completed" && requests.every((r) => r.status !== "submitted" && r.status !== "submitting");
      });
      // A late "COMPLETED" from the backend for one of the job's requests changes nothing.
      const [req] = await db().execute<{ scene_id: string; request_id: string }>(
        sql`select scene_id, request_id from render_requests where job_id = ${job.id} and request_id is not null limit 1`,
      );
      const token = await signCallbackToken(job.id, req!.scene_id);
      const late = await fetch(`${p.appUrl}/api/render/callback?token=${token}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id: req!.request_id, status: "COMPLETED", output: { key: "x" } }),
      });
      expect(late.status).toBe(200);
      expect(((await late.json()) as { recorded: boolean }).recorded).toBe(false);
      const [after] = await db().execute<{ status: string }>(sql`select status from jobs where id = ${job.id}`);
      expect(after!.status).toBe("canceled");
      const rr = await db().execute<{ status: string }>(sql`select status from render_requests where job_id = ${job.id}`);
      expect(rr.every((r) => r.status === "canceled" || r.status === "completed" || r.status === "failed")).toBe(true);
      expect((await eventTypes(job.id)).at(-1)).toBe("canceled");
      // The render function itself was stopped by cancelOn.
      expect((await runOf("render-job", job.id))?.status).toBe("cancelled");
      expect(await balance(s.sub)).toBe(500 - job.credits_charged + refunded);
      expect(await ledgerMismatches()).toEqual([]);
    } finally {
      await setFaults(p.workerUrl, null);
    }
  });

  it("the runner killed mid-render and started again: the job completes, charged once", async () => {
    await setFaults(p.workerUrl, { delayMs: 2000 });
    try {
      const { s, job } = await submit();
      await waitForJob(job.id, (st) => st === "processing");
      await until("a scene submitted to the backend", async () => (await requestStatuses(job.id)).some((r) => r.request_id !== null));
      const [first] = (await requestStatuses(job.id)).filter((r) => r.request_id !== null);
      await p.stopRunner();
      // The backend finishes that scene while the runner is down; its callback is recorded.
      await until("the scene's callback recorded while the runner is down", async () =>
        (await requestStatuses(job.id)).some((r) => r.scene_id === first!.scene_id && r.status === "completed"),
      );
      await p.startRunner();
      const done = await waitForJob(job.id, isTerminalStatus);
      expect(done.status).toBe("completed");
      expect(await balance(s.sub)).toBe(400);
      const charges = await db().execute(sql`select 1 from credit_ledger where job_id = ${job.id} and reason = 'job_charge'`);
      expect(charges).toHaveLength(1);
      const types = await eventTypes(job.id);
      expect(types.filter((t) => t === "completed")).toHaveLength(1);
      expect(types.filter((t) => t === "scene_complete")).toHaveLength(2);
    } finally {
      await setFaults(p.workerUrl, null);
    }
  });

  it("the app unreachable mid-render (connections cut) and back: the job completes, charged once", async () => {
    await setFaults(p.workerUrl, { delayMs: 2000 });
    try {
      const { s, job } = await submit();
      await waitForJob(job.id, (st) => st === "processing");
      await p.bounceApp(4000);
      const done = await waitForJob(job.id, isTerminalStatus);
      expect(done.status).toBe("completed");
      expect(await balance(s.sub)).toBe(400);
      const types = await eventTypes(job.id);
      expect(types.filter((t) => t === "completed")).toHaveLength(1);
      expect(types.filter((t) => t === "started")).toHaveLength(1);
      expect(await ledgerMismatches()).toEqual([]);
    } finally {
      await setFaults(p.workerUrl, null);
    }
  });
});
