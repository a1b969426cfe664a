import { jobTimeoutSetting } from "@/lib/config";
import { EVENTS, inngest } from "@/lib/inngest/client";
import { checkStitch, completeJob, failJob, finishStitch, RenderInputError, STITCH_SCENE_ID, submitStitch } from "@/lib/jobs/finish";
import { checkScene, startJob, storeScene, submitScene } from "@/lib/jobs/render-steps";

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
  ) {
    super(message);
  }
}

/** submit → (callback event | bounded poll) → clip stored. Returns false if the job stopped. */
async function renderScene(step: Step, jobId: string, sceneId: string): Promise<boolean> {
  if ((await step.run(`submit-${sceneId}`, () => submitScene(jobId, sceneId))) === "stopped") return false;
  for (let i = 0; i < MAX_WAITS; i++) {
    const s = await step.run(`check-${sceneId}-${i}`, () => checkScene(jobId, sceneId, i > 0));
    if (s.state === "stopped") return false;
    if (s.state === "failed") throw new SceneFailed(sceneId, s.error);
    if (s.state === "done") {
      await step.run(`store-${sceneId}`, () => storeScene(jobId, sceneId));
      return true;
    }
    await step.waitForEvent(`wait-${sceneId}-${i}`, {
      event: EVENTS.sceneCompleted,
      timeout: sceneWait(i),
      if: `async.data.job_id == "${jobId}" && async.data.scene_id == "${sceneId}"`,
    });
  }
  throw new SceneFailed(sceneId, "The render backend did not finish the scene in time.");
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
  if (err instanceof SceneFailed) return { type: "system", code: "SCENE_FAILED", message: err.message, sceneId: err.sceneId };
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
        const done = await Promise.all(batch.map((sceneId) => renderScene(step, jobId, sceneId)));
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
