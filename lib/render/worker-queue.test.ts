import { describe, expect, it } from "vitest";
import type { SceneRenderRequest } from "./types";
import { RenderQueue, resultOf, type WorkerJob } from "./worker-queue";

const input = (sceneId: string) => ({ sceneId }) as SceneRenderRequest;

/** A queue whose renders finish when the test says so. */
function harness(concurrency: number) {
  const pending = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
  const finished: WorkerJob[] = [];
  const queue = new RenderQueue({
    concurrency,
    render: (job, signal) =>
      new Promise((resolve, reject) => {
        signal.addEventListener("abort", () => reject(new Error("aborted")));
        pending.set((job.input as SceneRenderRequest).sceneId, { resolve: () => resolve({ bucket: "b", key: (job.input as SceneRenderRequest).sceneId, duration: 1 }), reject });
      }),
    onFinish: (job) => finished.push(job),
  });
  const tick = () => new Promise((r) => setImmediate(r));
  return { queue, pending, finished, tick };
}

describe("RenderQueue", () => {
  it("runs at most `concurrency` renders, in order, and reports RunPod states", async () => {
    const { queue, pending, finished, tick } = harness(2);
    const [a, b, c] = ["a", "b", "c"].map((s) => queue.submit(input(s)));
    await tick();
    expect([a, b, c].map((j) => j!.status)).toEqual(["IN_PROGRESS", "IN_PROGRESS", "IN_QUEUE"]);
    pending.get("a")!.resolve();
    await tick();
    expect(c!.status).toBe("IN_PROGRESS");
    pending.get("b")!.reject(new Error("boom"));
    await tick();
    expect(resultOf(a!)).toMatchObject({ id: a!.id, status: "COMPLETED", output: { key: "a" } });
    expect(resultOf(b!)).toMatchObject({ status: "FAILED", error: "boom" });
    expect(typeof a!.executionTime).toBe("number");
    expect(finished.map((j) => (j.input as SceneRenderRequest).sceneId)).toEqual(["a", "b"]);
    expect(queue.counts()).toEqual({ inQueue: 0, inProgress: 1, completed: 1, failed: 1, cancelled: 0 });
  });

  it("cancels queued and running jobs (aborting the render, no onFinish); finished jobs keep their state", async () => {
    const { queue, pending, finished, tick } = harness(1);
    const [a, b] = ["a", "b"].map((s) => queue.submit(input(s)));
    await tick();
    expect(queue.cancel(b!.id)!.status).toBe("CANCELLED");
    expect(queue.cancel(a!.id)!.status).toBe("CANCELLED");
    await tick();
    expect(a!.controller.signal.aborted).toBe(true);
    expect(pending.has("b")).toBe(false);
    expect(finished).toEqual([]);
    const c = queue.submit(input("c"));
    await tick();
    pending.get("c")!.resolve();
    await tick();
    expect(queue.cancel(c.id)!.status).toBe("COMPLETED");
    expect(queue.cancel("nope")).toBeUndefined();
    await queue.stop();
  });
});
