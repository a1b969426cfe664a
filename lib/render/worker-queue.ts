/**
 * The render worker's jobs: a FIFO with a concurrency limit and RunPod's states. Cancelling a job
 * in progress aborts its render (killing ffmpeg); its slot frees once the render has stopped.
 */
import { randomUUID } from "node:crypto";
import type { BackendResult, SceneRenderRequest } from "./types";
import type { StitchJobRequest } from "./worker-schemas";

export interface WorkerJob {
  id: string;
  input: SceneRenderRequest | StitchJobRequest;
  webhook?: string;
  status: BackendResult["status"];
  output?: BackendResult["output"];
  error?: string;
  executionTime?: number;
  /** Wall-clock times (epoch ms) of the job's phases: queued, started, finished and the render's own marks (GET /_timings/:id). */
  timings: Record<string, number>;
  controller: AbortController;
}

export type RenderFn = (job: WorkerJob, signal: AbortSignal) => Promise<NonNullable<BackendResult["output"]>>;

export interface QueueOptions {
  concurrency: number;
  render: RenderFn;
  /** Called once a job is COMPLETED or FAILED (not when cancelled). */
  onFinish: (job: WorkerJob) => void;
  /** Finished jobs remembered for status queries (default 1000). */
  keep?: number;
}

const TERMINAL = new Set<BackendResult["status"]>(["COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"]);

/**
 * While a job runs, its status carries its progress in `output` (as RunPod's `progress_update`
 * does): `{progress: 0..1}`. Ignored once the job has left IN_PROGRESS.
 */
export function reportProgress(job: WorkerJob, fraction: number): void {
  if (job.status !== "IN_PROGRESS") return;
  job.output = { progress: Math.round(Math.min(1, Math.max(0, fraction)) * 1000) / 1000 };
}

/** A failure the caller should not retry (bad inputs): reported as `output.error_code` beside `error`. */
export class WorkerInputError extends Error {
  readonly code = "INVALID_INPUT";
  override name = "WorkerInputError";
}

/** Records when a phase of the job ended (GET /v2/local/_timings/:id). */
export function markPhase(job: WorkerJob, phase: string): void {
  job.timings[phase] = Date.now();
}

/** The body of /status and of the webhook. */
export function resultOf(job: WorkerJob): BackendResult {
  const { id, status, output, error, executionTime } = job;
  return { id, status, ...(output ? { output } : {}), ...(error ? { error } : {}), ...(executionTime !== undefined ? { executionTime } : {}) };
}

export class RenderQueue {
  private readonly jobs = new Map<string, WorkerJob>();
  private readonly waiting: WorkerJob[] = [];
  private readonly active = new Set<Promise<void>>();

  constructor(private readonly opts: QueueOptions) {}

  submit(input: WorkerJob["input"], webhook?: string): WorkerJob {
    const job: WorkerJob = { id: randomUUID(), input, webhook, status: "IN_QUEUE", timings: { queued: Date.now() }, controller: new AbortController() };
    this.jobs.set(job.id, job);
    this.waiting.push(job);
    this.prune();
    this.pump();
    return job;
  }

  get(id: string): WorkerJob | undefined {
    return this.jobs.get(id);
  }

  /** Cancels a queued or running job; a finished one keeps its state. */
  cancel(id: string): WorkerJob | undefined {
    const job = this.jobs.get(id);
    if (!job || TERMINAL.has(job.status)) return job;
    const queued = this.waiting.indexOf(job);
    if (queued >= 0) this.waiting.splice(queued, 1);
    job.status = "CANCELLED";
    job.controller.abort();
    return job;
  }

  counts() {
    const by = (s: BackendResult["status"]) => [...this.jobs.values()].filter((j) => j.status === s).length;
    return { inQueue: by("IN_QUEUE"), inProgress: by("IN_PROGRESS"), completed: by("COMPLETED"), failed: by("FAILED"), cancelled: by("CANCELLED") };
  }

  /** Cancels everything and waits until no render is running. */
  async stop(): Promise<void> {
    for (const id of this.jobs.keys()) this.cancel(id);
    await Promise.allSettled([...this.active]);
  }

  private pump() {
    while (this.active.size < this.opts.concurrency && this.waiting.length > 0) {
      const run = this.execute(this.waiting.shift()!);
      this.active.add(run);
      void run.finally(() => {
        this.active.delete(run);
        this.pump();
      });
    }
  }

  private async execute(job: WorkerJob): Promise<void> {
    const started = performance.now();
    markPhase(job, "started");
    job.status = "IN_PROGRESS";
    try {
      const output = await this.opts.render(job, job.controller.signal);
      if (job.status !== "IN_PROGRESS") return;
      Object.assign(job, { status: "COMPLETED", output });
    } catch (err) {
      if (job.status !== "IN_PROGRESS") return;
      const code = err instanceof WorkerInputError ? err.code : undefined;
      Object.assign(job, { status: "FAILED", error: err instanceof Error ? err.message : String(err), output: code ? { error_code: code } : undefined });
    }
    job.executionTime = Math.round(performance.now() - started);
    markPhase(job, "finished");
    this.opts.onFinish(job);
  }

  private prune() {
    const keep = this.opts.keep ?? 1000;
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= keep) break;
      if (TERMINAL.has(job.status)) this.jobs.delete(id);
    }
  }
}
