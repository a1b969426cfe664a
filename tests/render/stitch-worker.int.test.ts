/**
 * Stitching leaves the app process (spec/jobs.md "Where stitching runs"): a whole render through
 * the pipeline with the render worker in a process of its own, and a spawn hook in this (the app's)
 * process that records every ffmpeg/ffprobe it starts. The app must start none; the worker does
 * the scenes and the stitch.
 */
import cp from "node:child_process";
import path from "node:path";
import { syncBuiltinESMExports } from "node:module";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as generate from "@/app/v1/generate/route";
import { grantCredits } from "@/lib/credits/admin";
import { db } from "@/lib/db/client";
import { findAssetObject } from "@/lib/jobs/assets";
import { STITCH_SCENE_ID } from "@/lib/jobs/finish";
import { stitchAudioRefs } from "@/lib/render/stitch";
import { s3 } from "@/lib/storage/s3";
import { startOutboxPump } from "@/lib/jobs/outbox";
import { buildPlan } from "@/lib/storyboard/playback";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { userUrn } from "@/lib/urn";
import { starter } from "../helpers/fixtures";
import { call } from "../helpers/http";
import { ledgerMismatches } from "../helpers/ledger";
import { startPipeline, type Pipeline } from "./harness";
import { downloadOutput, isTerminalStatus, probe, seedWelcomeAudio, waitForJob } from "./helpers";

/** Every ffmpeg/ffprobe this process starts, by any child_process function. */
const mediaSpawns: string[] = [];
const FFMPEG = /^ff(mpeg|probe)$/;
const cmdOf = (file: unknown) => path.basename(String(file).split(" ")[0] ?? "");
for (const name of ["spawn", "spawnSync", "execFile", "execFileSync", "exec", "execSync"] as const) {
  const original = cp[name] as (...args: unknown[]) => unknown;
  (cp as unknown as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
    if (FFMPEG.test(cmdOf(args[0]))) mediaSpawns.push(`${name} ${cmdOf(args[0])}`);
    return original.apply(this, args);
  };
}
syncBuiltinESMExports();

let p: Pipeline;

beforeAll(async () => {
  p = await startPipeline({ workerProcess: true });
  startOutboxPump(300);
  await seedWelcomeAudio();
}, 120_000);
afterAll(async () => p?.stop());

async function submit() {
  const s = await starter();
  await grantCredits(db(), userUrn(s.sub), 400);
  const res = await call(generate.POST, { method: "POST", token: s.token, body: { spec: WELCOME_SPEC, options: { resolution: "720p", fps: 24 } } });
  expect(res.status).toBe(201);
  return { s, job: res.json as { id: string } };
}

async function stitchRow(jobId: string) {
  const [row] = await db().execute<{ status: string; attempt: number; backend: string }>(
    sql`select status, attempt, backend from render_requests where job_id = ${jobId} and scene_id = ${STITCH_SCENE_ID}`,
  );
  return row;
}

async function workerCounts(): Promise<{ completed: number; failed: number }> {
  const res = await fetch(`${p.workerUrl}/v2/local/health`);
  return ((await res.json()) as { jobs: { completed: number; failed: number } }).jobs;
}

const progressEvents = async (jobId: string) =>
  (
    await db().execute<{ payload: { phase: string; percent: number } }>(
      sql`select payload from job_events where job_id = ${jobId} and event_type = 'progress' order by sequence`,
    )
  ).map((r) => r.payload);

describe("the stitch runs on the render worker, never in the app process", { timeout: 200_000 }, () => {
  it("renders the welcome storyboard with no ffmpeg or ffprobe started by the app; the worker stitched it, with progress", async () => {
    const before = await workerCounts();
    const { s, job } = await submit();
    const done = await waitForJob(job.id, isTerminalStatus);
    expect(done.status, JSON.stringify(done.error)).toBe("completed");
    expect(mediaSpawns).toEqual([]);

    // The worker (another process) did the two scenes and the stitch.
    expect((await workerCounts()).completed - before.completed).toBe(3);
    expect(await stitchRow(job.id)).toMatchObject({ status: "completed", attempt: 1, backend: "local" });
    // The bar went 85 (stitching) → some of 86..94 from the worker's ffmpeg progress → 95 (finalizing).
    const stitching = (await progressEvents(job.id)).filter((e) => e.phase === "stitching").map((e) => e.percent);
    expect(stitching[0]).toBe(85);
    expect(stitching.some((pc) => pc > 85 && pc < 95), `stitching percents ${stitching.join(", ")}`).toBe(true);
    expect((await progressEvents(job.id)).some((e) => e.phase === "finalizing" && e.percent === 95)).toBe(true);

    const out = done.output as { video_key: string; duration: number };
    const file = await downloadOutput(out.video_key);
    // The hook sees this process's ffprobe (so its silence above means something).
    const info = await probe(file);
    expect(mediaSpawns).toEqual(["spawn ffprobe"]);
    mediaSpawns.length = 0;
    expect(Math.abs(info.duration - buildPlan(WELCOME_SPEC).duration)).toBeLessThanOrEqual(0.1);
    expect(info).toMatchObject({ width: 1280, height: 720, hasAudio: true });
    const [bal] = await db().execute<{ credits: number }>(sql`select credits from users where id = ${s.sub}`);
    expect(bal!.credits).toBe(400);
    expect(await ledgerMismatches()).toEqual([]);
  });

  it("a stitch lost with its worker (SIGKILL, restarted) is submitted again and the job completes, charged once", async () => {
    const { s, job } = await submit();
    // Wait for the stitch to be on the worker, then kill the worker's process under it.
    await waitForStitchSubmitted(job.id);
    await p.restartWorker();
    const done = await waitForJob(job.id, isTerminalStatus, 120_000);
    expect(done.status, JSON.stringify(done.error)).toBe("completed");
    expect(await stitchRow(job.id)).toMatchObject({ status: "completed", attempt: 2 });
    expect(mediaSpawns).toEqual([]);
    const [bal] = await db().execute<{ credits: number }>(sql`select credits from users where id = ${s.sub}`);
    expect(bal!.credits).toBe(400);
    expect(await ledgerMismatches()).toEqual([]);
  });

  // Last: it spoils one catalog sound for the rest of the file.
  it("a sound the worker cannot decode fails the job as validation (no retry), refunded per that rule", async () => {
    const [ref] = stitchAudioRefs(WELCOME_SPEC, buildPlan(WELCOME_SPEC));
    const obj = (await findAssetObject(ref!))!;
    await s3().send(new PutObjectCommand({ Bucket: obj.bucket, Key: obj.key, Body: "not audio at all", ContentType: "audio/mpeg" }));
    // The catalog's known duration would skip the probe that finds the file unreadable.
    await db().execute(sql`update system_assets set duration_seconds = null where id = ${ref!}`);
    const { s, job } = await submit();
    const done = await waitForJob(job.id, isTerminalStatus);
    expect(done.status).toBe("failed");
    expect(done.failureType).toBe("validation");
    expect(done.error).toMatchObject({ code: "INVALID_INPUT" });
    expect(await stitchRow(job.id)).toMatchObject({ status: "failed", attempt: 1 });
    expect(mediaSpawns).toEqual([]);
    const [bal] = await db().execute<{ credits: number }>(sql`select credits from users where id = ${s.sub}`);
    expect(bal!.credits).toBe(400 + done.creditsRefunded); // 100 at sign-up + 400 granted − the charge + the refund
    expect(done.creditsRefunded).toBe(Math.floor(done.creditsCharged * (1 - 85 / 100)));
    expect(await ledgerMismatches()).toEqual([]);
  });
});

async function waitForStitchSubmitted(jobId: string) {
  for (;;) {
    const row = await stitchRow(jobId);
    if (row?.status === "submitted") return;
    const [j] = await db().execute<{ status: string }>(sql`select status from jobs where id = ${jobId}`);
    if (j && isTerminalStatus(j.status)) throw new Error(`job ended ${j.status} before its stitch was submitted`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
