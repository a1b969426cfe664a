/**
 * The `local` render backend: a client of the render worker (worker-server.ts), which speaks
 * RunPod's queue API. A non-2xx answer throws (the render step retries); a 404 on status is
 * reported as FAILED "not found", and cancelling an unknown request is a no-op.
 */
import { config } from "@/lib/config";
import type { BackendResult, RenderBackend, SceneRenderRequest } from "./types";

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

export interface LocalBackendOptions {
  /** Default RENDER_WORKER_URL. */
  url?: string;
  /** Per request (default 15 s). */
  timeoutMs?: number;
}

export function localBackend(opts: LocalBackendOptions = {}): RenderBackend {
  // Read per call: tests and `just dev` set RENDER_WORKER_URL after this instance may exist.
  const baseUrl = () => (opts.url ?? config().RENDER_WORKER_URL).replace(/\/+$/, "");

  /** Resolves null on a 404 when `notFoundOk`. */
  async function call(method: "GET" | "POST", path: string, body?: unknown, notFoundOk = false): Promise<unknown> {
    const base = baseUrl();
    const what = `local render worker ${method} ${path}`;
    const res = await fetch(`${base}/v2/local${path}`, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    }).catch((err: unknown) => {
      throw new Error(`${what}: unreachable at ${base} (${err instanceof Error ? err.message : String(err)})`, { cause: err });
    });
    const text = await res.text();
    if (res.status === 404 && notFoundOk) return null;
    if (!res.ok) throw new BackendHttpError(res.status, text, what);
    return JSON.parse(text) as unknown;
  }

  return {
    name: "local",
    model: "animatic-v1",
    maxParallel: 2,
    async submit(req: SceneRenderRequest) {
      const json = (await call("POST", "/run", { input: req, webhook: req.callbackUrl })) as { id: string };
      return { requestId: json.id };
    },
    async status(requestId: string): Promise<BackendResult> {
      const json = await call("GET", `/status/${encodeURIComponent(requestId)}`, undefined, true);
      return (json as BackendResult | null) ?? { id: requestId, status: "FAILED", error: "not found" };
    },
    async cancel(requestId: string) {
      await call("POST", `/cancel/${encodeURIComponent(requestId)}`, undefined, true);
    },
  };
}
