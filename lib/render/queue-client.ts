/**
 * A client of RunPod's serverless queue API (`/run`, `/status/:id`, `/cancel/:id`), which both
 * backends speak: the local render worker at `<RENDER_WORKER_URL>/v2/local`, and RunPod itself at
 * `<RUNPOD_API_URL>/<endpoint id>` with a Bearer key. A non-2xx answer throws BackendHttpError (the
 * render step retries, which also covers RunPod's 429); a 404 on status is reported as FAILED
 * "not found" (RunPod deletes results 30 min after completion), and cancelling an unknown request
 * is a no-op.
 */
import { workerFailure } from "./comfyui/errors";
import type { BackendResult } from "./types";

export class BackendHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what} → ${status}: ${body.slice(0, 500)}`);
    this.name = "BackendHttpError";
  }
}

/**
 * A request we refuse to send (RunPod's 10 MB /run limit, a graph the node definitions reject):
 * `validation` when the user's input is the cause (partial refund), `system` when it is ours.
 */
export class RenderRequestError extends Error {
  override name = "RenderRequestError";
  constructor(
    message: string,
    readonly failure: "validation" | "system",
    readonly code: string,
  ) {
    super(message);
  }
}

/** RunPod refuses a `/run` body above 10 MB. */
export const MAX_RUN_BODY_BYTES = 10 * 1000 * 1000;

export interface QueueClientOptions {
  /** Read per call: tests and `just dev` may set the URL after the client exists. */
  baseUrl: () => string;
  apiKey?: () => string | undefined;
  /** Names the service in errors, e.g. "RunPod". */
  what: string;
  /** Per request (default 15 s). */
  timeoutMs?: number;
}

export interface QueueClient {
  run(body: { input: unknown; webhook?: string; policy?: Record<string, number> }): Promise<{ id: string }>;
  status(id: string): Promise<BackendResult>;
  cancel(id: string): Promise<void>;
}

export function queueClient(opts: QueueClientOptions): QueueClient {
  /** Resolves null on a 404 when `notFoundOk`. */
  async function call(method: "GET" | "POST", path: string, body?: unknown, notFoundOk = false): Promise<unknown> {
    const base = opts.baseUrl().replace(/\/+$/, "");
    const what = `${opts.what} ${method} ${path}`;
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["content-type"] = "application/json";
    const key = opts.apiKey?.();
    if (key) headers.authorization = `Bearer ${key}`;
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    }).catch((err: unknown) => {
      throw new Error(`${what}: unreachable at ${base} (${err instanceof Error ? err.message : String(err)})`, { cause: err });
    });
    const text = await res.text();
    if (res.status === 404 && notFoundOk) return null;
    if (!res.ok) throw new BackendHttpError(res.status, text, what);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new BackendHttpError(res.status, text, `${what} (not JSON)`);
    }
  }

  return {
    async run(body) {
      const size = Buffer.byteLength(JSON.stringify(body));
      if (size > MAX_RUN_BODY_BYTES) {
        throw new RenderRequestError(`The render request is ${size} bytes, over ${opts.what}'s ${MAX_RUN_BODY_BYTES}-byte limit.`, "validation", "REQUEST_TOO_LARGE");
      }
      const json = (await call("POST", "/run", body)) as { id?: unknown };
      if (typeof json?.id !== "string") throw new Error(`${opts.what} /run answered without a job id`);
      return { id: json.id };
    },
    async status(id) {
      const json = (await call("GET", `/status/${encodeURIComponent(id)}`, undefined, true)) as BackendResult | null;
      return json ? readableError(json) : { id, status: "FAILED", error: "not found" };
    },
    async cancel(id) {
      await call("POST", `/cancel/${encodeURIComponent(id)}`, undefined, true);
    },
  };
}

/**
 * A FAILED result's `error` made readable: an uncaught exception's JSON string read out, and
 * worker-comfyui's `output.details` kept (sanitized, bounded; comfyui/errors.ts).
 */
export function readableError<T extends { status?: string; error?: string | null; output?: unknown }>(result: T): T {
  if (!result.error) return result;
  return { ...result, error: workerFailure(result.error, result.output).message };
}
