import { jobTimeoutSetting } from "@/lib/config";
import { EVENTS, inngest } from "@/lib/inngest/client";
import { checkStitch, completeJob, failJob, finishStitch, RenderInputError, STITCH_SCENE_ID, submitStitch } from "@/lib/jobs/finish";
import { checkScene, joinScene, startJob, storeScene, storeSegment, submitScene } from "@/lib/jobs/render-steps";
import { segmentKey } from "@/lib/render/segments";

/**
 * How long each wait for a scene's callback lasts before we check the backend ourselves. A callback
 * that lands before the wait is registered is missed (as on Inngest), so the first waits are short.
 */
const SCENE_WAITS = ["5s", "10s", "20s"] as const;
const sceneWait = (i: number) => SCENE_WAITS[i] ?? "30s";
/** Waits per scene: with SCENE_WAIT this outlasts JOB_TIMEOUT, which ends the job first. */
const MAX_WAITS = 120;

type Step = Parameters<Parameters<ReturnType<typeof inngest>["createFunction"]>[1]>[0]["step"];

class SceneFailed extends Error {
  constructor(
    readonly sceneId: string,
    message: string,
    readonly type: "system" | "validation" = "system",
    readonly code = "SCENE_FAILED",
  ) {
    super(message);
  }
}

/**
 * One backend request (a scene, or segment `index` of a chained one, named `key`): submit →
 * (callback event | bounded poll) until it is done. Returns false if the job stopped. Step names
 * derive from the key, so a replay after a retry finds every step where it was.
 */
async function runRequest(step: Step, jobId: string, sceneId: string, key: string, index: number): Promise<boolean> {
  const submitted = await step.run(`submit-${key}`, () => submitScene(jobId, sceneId, index));
  if (submitted === "stopped") return false;
  if (typeof submitted === "object") throw new SceneFailed(sceneId, submitted.failed.message, submitted.failed.type, submitted.failed.code);
  for (let i = 0; i < MAX_WAITS; i++) {
    const s = await step.run(`check-${key}-${i}`, () => checkScene(jobId, key, i > 0));
    if (s.state === "stopped") return false;
    if (s.state === "failed") throw new SceneFailed(sceneId, s.error, "system", s.code);
    if (s.state === "done") return true;
    await step.waitForEvent(`wait-${key}-${i}`, {
      event: EVENTS.sceneCompleted,
      timeout: sceneWait(i),
      if: `async.data.job_id == "${jobId}" && async.data.scene_id == "${key}"`,
    });
  }
  throw new SceneFailed(sceneId, "The render backend did not finish the scene in time.");
}

/** A scene in one request, or as a chain of segments joined into one clip; then stored (scene_complete). */
async function renderScene(step: Step, jobId: string, sceneId: string, segments: number): Promise<boolean> {
  if (segments <= 1) {
    if (!(await runRequest(step, jobId, sceneId, sceneId, 0))) return false;
  } else {
    for (let k = 0; k < segments; k++) {
      const key = segmentKey(sceneId, k, segments);
      if (!(await runRequest(step, jobId, sceneId, key, k))) return false;
      await step.run(`store-${key}`, () => storeSegment(jobId, sceneId, k));
    }
    await step.run(`join-${sceneId}`, () => joinScene(jobId, sceneId));
  }
  await step.run(`store-${sceneId}`, () => storeScene(jobId, sceneId));
  return true;
}

/**
 * Waits while the render worker stitches. Short, because each check also records the worker's
 * ffmpeg progress on the bar (the callback ends a wait as soon as the stitch is done); bounded: 60
 * waits of 2 s, then 5 s — longer than the stitcher's own 10-minute limit.
 */
const stitchWait = (i: number) => (i < 60 ? "2s" : "5s");
const MAX_STITCH_WAITS = 240;

class StitchFailed extends Error {}

/** submit → (callback event | poll, recording progress) → output; a failed stitch is submitted again (STITCH_ATTEMPTS). Null if the job stopped. */
async function stitchOnWorker(step: Step, jobId: string) {
  let submits = 0;
  if ((await step.run(`stitch-submit-${submits}`, () => submitStitch(jobId))) === "stopped") return null;
  for (let i = 0; i < MAX_STITCH_WAITS; i++) {
    const s = await step.run(`stitch-check-${i}`, () => checkStitch(jobId));
    if (s.state === "stopped") return null;
    if (s.state === "failed") throw s.invalidInput ? new RenderInputError(s.error) : new StitchFailed(s.error);
    if (s.state === "retry") {
      submits += 1;
      if ((await step.run(`stitch-submit-${submits}`, () => submitStitch(jobId))) === "stopped") return null;
      continue;
    }
    if (s.state === "done") return step.run("stitch-finish", () => finishStitch(jobId));
    await step.waitForEvent(`stitch-wait-${i}`, {
      event: EVENTS.sceneCompleted,
      timeout: stitchWait(i),
      if: `async.data.job_id == "${jobId}" && async.data.scene_id == "${STITCH_SCENE_ID}"`,
    });
  }
  throw new StitchFailed("The stitch worker did not finish in time.");
}

function failureOf(err: unknown): Parameters<typeof failJob>[1] {
  if (err instanceof SceneFailed) return { type: err.type, code: err.code, message: err.message, sceneId: err.sceneId };
  const e = err as { name?: string; message?: string; cause?: { name?: string } };
  const name = e?.name === "StepError" ? e.cause?.name : e?.name;
  if (name === RenderInputError.name || name === "AudioAssetError") return { type: "validation", code: "INVALID_INPUT", message: e.message ?? "Invalid input." };
  return { type: "system", code: "RENDER_FAILED", message: "Rendering failed on our side; all credits were refunded." };
}

export const renderJob = inngest().createFunction(
  {
    id: "render-job",
    triggers: [{ event: EVENTS.jobCreated }],
    cancelOn: [{ event: EVENTS.jobCanceled, if: "async.data.job_id == event.data.job_id" }],
    concurrency: [{ key: "event.data.owner", limit: 5 }],
    timeouts: { finish: jobTimeoutSetting() as `${number}m` },
    retries: 4,
  },
  async ({ event, step }) => {
    const jobId = event.data.job_id as string;
    const info = await step.run("start", () => startJob(jobId));
    if (!info) return { jobId, outcome: "skipped" };
    try {
      for (let i = 0; i < info.scenes.length; i += info.maxParallel) {
        const batch = info.scenes.slice(i, i + info.maxParallel);
        const done = await Promise.all(batch.map((sceneId) => renderScene(step, jobId, sceneId, info.segments[sceneId] ?? 1)));
        if (done.includes(false)) return { jobId, outcome: "stopped" };
      }
      const output = await stitchOnWorker(step, jobId);
      if (!output) return { jobId, outcome: "stopped" };
      await step.run("complete", () => completeJob(jobId, output));
      return { jobId, outcome: "completed" };
    } catch (err) {
      const failure = failureOf(err);
      await step.run("fail", () => failJob(jobId, failure));
      return { jobId, outcome: "failed", failure };
    }
  },
);
