import { describe, expect, it } from "vitest";
import { GPU_OOM_MESSAGE, sanitize, workerFailure } from "./errors";

describe("workerFailure", () => {
  it("keeps worker-comfyui's details after the message", () => {
    const f = workerFailure("Job processing failed", { details: ["Workflow execution error: Node Type: KSampler, Node ID: 3, Message: boom"] });
    expect(f).toEqual({ message: "Job processing failed — Workflow execution error: Node Type: KSampler, Node ID: 3, Message: boom", outOfMemory: false });
  });

  it("reads an uncaught exception's JSON string and non-fatal `errors` too", () => {
    const error = JSON.stringify({ error_type: "ValueError", error_message: "bad input", error_traceback: "Traceback…" });
    expect(workerFailure(error, { errors: ["warning: x"] }).message).toBe("ValueError: bad input — warning: x");
  });

  it("a CUDA out-of-memory is named as such", () => {
    const f = workerFailure("Job processing failed", { details: ["torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 9.00 GiB"] });
    expect(f.outOfMemory).toBe(true);
    expect(f.message.startsWith(GPU_OOM_MESSAGE)).toBe(true);
  });

  it("sanitizes: control characters, presigned URL queries, bounded length", () => {
    expect(sanitize("a\u0000b\n\tc")).toBe("a b c");
    expect(sanitize("see https://b.s3.example.com/k/x.mp4?X-Amz-Signature=secret&X-Amz-Credential=AK now")).toBe("see https://b.s3.example.com/k/x.mp4?… now");
    expect(sanitize("x".repeat(1000))).toHaveLength(400);
    const many = workerFailure("Job processing failed", { details: Array.from({ length: 50 }, (_, i) => `detail ${i} ${"y".repeat(300)}`) });
    expect(many.message.length).toBeLessThanOrEqual(2000);
  });
});
