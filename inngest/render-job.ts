import { jobTimeoutSetting } from "@/lib/config";
import { EVENTS, inngest } from "@/lib/inngest/client";
import { checkStitch, failJob, finishAndComplete, RenderInputError, STITCH_SCENE_ID, submitStitch } from "@/lib/jobs/finish";
import { checkScene, joinScene, startJob, storeScene, storeSegment, submitScene } from "@/lib/jobs/render-steps";
import { segmentKey } from "@/lib/render/segments";

/**
 * How long each wait for a scene's callback lasts before we check the backend ourselves. The first
 * wait is registered together with the submit (parallel steps), so no callback can come before it.
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

/** The callback event of request `key` (a scene, a segment or the stitch). */
const callbackOf = (jobId: string, key: string) => ({
  event: EVENTS.sceneCompleted,
  if: `async.data.job_id == "${jobId}" && async.data.scene_id == "${key}"`,
});

/**
 * A submit step run together with the wait for its callback: the runner registers the wait before
 * it runs the submit, so even a callback that lands before the submit step returns ends the wait.
 */
async function submitAndWait<T>(step: Step, submitId: string, submit: () => Promise<T>, waitId: string, callback: ReturnType<typeof callbackOf>, timeout: string) {
  const [submitted, event] = await Promise.all([step.run(submitId, submit), step.waitForEvent(waitId, { ...callback, timeout })]);
  return { submitted: submitted as Awaited<T>, event };
}

/**
 * One backend request (a scene, or segment `index` of a chained one, named `key`): submit with the
 * wait for its callback → check (asking the backend itself only when the wait timed out) → wait
 * again while it runs. The check that finds it done also stores its clip (`store`), in the same
 * step. Returns false if the job stopped. Step names derive from the key, so a replay after a
 * retry finds every step where it was.
 */
async function runRequest(step: Step, jobId: string, sceneId: string, key: string, index: number, store: () => Promise<void>): Promise<boolean> {
  const callback = callbackOf(jobId, key);
  const first = await submitAndWait(step, `submit-${key}`, () => submitScene(jobId, sceneId, index), `wait-${key}-0`, callback, sceneWait(0));
  const { submitted } = first;
  if (submitted === "stopped") return false;
  if (typeof submitted === "object") throw new SceneFailed(sceneId, submitted.failed.message, submitted.failed.type, submitted.failed.code);
  let event: unknown = first.event;
  for (let i = 0; i < MAX_WAITS; i++) {
    const poll = event === null;
    const s = await step.run(`check-${key}-${i}`, async () => {
      const state = await checkScene(jobId, key, poll);
      if (state.state === "done") await store();
      return state;
    });
    if (s.state === "stopped") return false;
    if (s.state === "failed") throw new SceneFailed(sceneId, s.error, "system", s.code);
    if (s.state === "done") return true;
    event = await step.waitForEvent(`wait-${key}-${i + 1}`, { ...callback, timeout: sceneWait(i + 1) });
  }
  throw new SceneFailed(sceneId, "The render backend did not finish the scene in time.");
}

/** A scene in one request, or as a chain of segments joined into one clip; then stored (scene_complete). */
async function renderScene(step: Step, jobId: string, sceneId: string, segments: number): Promise<boolean> {
  if (segments <= 1) return runRequest(step, jobId, sceneId, sceneId, 0, () => storeScene(jobId, sceneId));
  for (let k = 0; k < segments; k++) {
    if (!(await runRequest(step, jobId, sceneId, segmentKey(sceneId, k, segments), k, () => storeSegment(jobId, sceneId, k)))) return false;
  }
  await step.run(`join-${sceneId}`, () => joinScene(jobId, sceneId));
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

/**
 * (submit with the wait for its callback) → check, recording progress → wait … → finish and
 * complete in one step; a failed stitch is submitted again (STITCH_ATTEMPTS). False if the job stopped.
 */
async function stitchOnWorker(step: Step, jobId: string): Promise<boolean> {
  const callback = callbackOf(jobId, STITCH_SCENE_ID);
  let submits = 0;
  const submit = (i: number) =>
    submitAndWait(step, `stitch-submit-${submits}`, () => submitStitch(jobId), `stitch-wait-${i}`, callback, stitchWait(i));
  if ((await submit(0)).submitted === "stopped") return false;
  for (let i = 0; i < MAX_STITCH_WAITS; i++) {
    const s = await step.run(`stitch-check-${i}`, () => checkStitch(jobId));
    if (s.state === "stopped") return false;
    if (s.state === "failed") throw s.invalidInput ? new RenderInputError(s.error) : new StitchFailed(s.error);
    if (s.state === "done") return step.run("complete", () => finishAndComplete(jobId));
    if (s.state === "retry") {
      submits += 1;
      if ((await submit(i + 1)).submitted === "stopped") return false;
    } else await step.waitForEvent(`stitch-wait-${i + 1}`, { ...callback, timeout: stitchWait(i + 1) });
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
      if (!(await stitchOnWorker(step, jobId))) return { jobId, outcome: "stopped" };
      return { jobId, outcome: "completed" };
    } catch (err) {
      const failure = failureOf(err);
      await step.run("fail", () => failJob(jobId, failure));
      return { jobId, outcome: "failed", failure };
    }
  },
);
