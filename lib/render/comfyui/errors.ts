/**
 * What a failed GPU job says, read out of RunPod's status body:
 * - worker-comfyui's own errors `{error: "Job processing failed", details: [...]}` reach us as
 *   `error` = the message and `output.details` (runpod-python moves `error` to the top level);
 * - an uncaught exception is `error` = a JSON string `{error_type, error_message, error_traceback, …}`.
 * The result is one bounded line, control characters and presigned-URL queries removed, and a
 * CUDA out-of-memory is named as such.
 */
const MAX_DETAIL = 400;
const MAX_TOTAL = 2000;
const OOM = /out of memory|OutOfMemoryError|CUDA_ERROR_OUT_OF_MEMORY/i;

export const GPU_OOM_MESSAGE = "The GPU ran out of memory (CUDA out of memory) while generating this scene.";

export function sanitize(text: string, max = MAX_DETAIL): string {
  const clean = text
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .replace(/(https?:\/\/[^\s?"']+)\?[^\s"']*/g, "$1?…")
    .replace(/\s+/g, " ")
    .trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function exceptionMessage(error: string): string {
  if (!error.trimStart().startsWith("{")) return error;
  try {
    const parsed = JSON.parse(error) as { error_type?: string; error_message?: string };
    if (typeof parsed.error_message !== "string") return error;
    return parsed.error_type ? `${parsed.error_type}: ${parsed.error_message}` : parsed.error_message;
  } catch {
    return error;
  }
}

function detailsOf(output: unknown): string[] {
  const o = output as { details?: unknown; errors?: unknown } | null | undefined;
  const list = [o?.details, o?.errors].flatMap((v) => (Array.isArray(v) ? v : typeof v === "string" ? [v] : []));
  return list.map((d) => (typeof d === "string" ? d : JSON.stringify(d)));
}

export interface WorkerFailure {
  message: string;
  /** CUDA out of memory: a system failure with its own code. */
  outOfMemory: boolean;
}

export function workerFailure(error: string, output?: unknown): WorkerFailure {
  const parts = [exceptionMessage(error), ...detailsOf(output)].map((p) => sanitize(p)).filter(Boolean);
  const joined = sanitize(parts.join(" — "), MAX_TOTAL);
  const outOfMemory = OOM.test(joined);
  return { message: outOfMemory ? `${GPU_OOM_MESSAGE} Worker: ${joined}`.slice(0, MAX_TOTAL) : joined, outOfMemory };
}
