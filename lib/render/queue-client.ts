/**
 * A client of RunPod's serverless queue API (`/run`, `/status/:id`, `/cancel/:id`), which both
 * backends speak: the local render worker at `<RENDER_WORKER_URL>/v2/local`, and RunPod itself at
 * `<RUNPOD_API_URL>/<endpoint id>` with a Bearer key. A non-2xx answer throws BackendHttpError (the
 * render step retries, which also covers RunPod's 429); a 404 on status is reported as FAILED
 * "not found" (RunPod deletes results 30 min after completion), and cancelling an unknown request
 * is a no-op.
 */
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
 * RunPod reports an uncaught worker exception as a JSON-encoded string
 * `{error_type, error_message, error_traceback, …}`: keep the message a user can read.
 */
export function readableError<T extends { error?: string | null }>(result: T): T {
  if (!result.error || !result.error.trimStart().startsWith("{")) return result;
  try {
    const parsed = JSON.parse(result.error) as { error_type?: string; error_message?: string };
    if (typeof parsed.error_message !== "string") return result;
    return { ...result, error: parsed.error_type ? `${parsed.error_type}: ${parsed.error_message}` : parsed.error_message };
  } catch {
    return result;
  }
}
