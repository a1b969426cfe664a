/**
 * One call to the app's serve endpoint, the way Inngest makes it (inngest@4 async mode):
 * `POST <serve>?fnId=<id>&stepId=<step|hash>` with the event, the memoized steps and ctx. No
 * `ctx.fn_id` is sent, which keeps the SDK out of checkpointing mode (that would call Inngest's API).
 */
import http from "node:http";
import https from "node:https";
import { signature } from "./signing";
import type { InngestEvent, Op, Outcome, StepResult } from "./types";

export interface CallInput {
  serveUrl: string;
  functionId: string;
  stepId: string;
  event: InngestEvent;
  steps: Record<string, StepResult>;
  stack: string[];
  runId: string;
  attempt: number;
  maxAttempts: number;
  /** Other steps of the run are still pending, so the SDK must not run a found step by itself. */
  disableImmediateExecution: boolean;
  version: number;
  signingKey?: string;
  signal?: AbortSignal;
}

export function requestBody(c: CallInput) {
  return {
    event: c.event,
    events: [c.event],
    steps: c.steps,
    ctx: {
      run_id: c.runId,
      attempt: c.attempt,
      max_attempts: c.maxAttempts,
      disable_immediate_execution: c.disableImmediateExecution,
      use_api: false,
      stack: { stack: c.stack, current: c.stack.length },
    },
    version: c.version,
  };
}

export async function callApp(c: CallInput): Promise<{ outcome: Outcome; version?: number }> {
  const url = new URL(c.serveUrl);
  url.searchParams.set("fnId", c.functionId);
  url.searchParams.set("stepId", c.stepId);
  const body = requestBody(c);
  const headers: Record<string, string> = { "content-type": "application/json", "x-inngest-server-kind": c.signingKey ? "cloud" : "dev" };
  if (c.signingKey) headers["x-inngest-signature"] = signature(body, c.signingKey);
  try {
    const res = await post(url, headers, JSON.stringify(body), c.signal);
    const version = Number(res.headers.get("x-inngest-req-version"));
    return { outcome: classify(res.status, res.headers, res.text), version: version === 1 || version === 2 ? version : undefined };
  } catch (err) {
    return { outcome: { kind: "unavailable", reason: (err as Error).message } };
  }
}

/**
 * node:http rather than fetch: fetch gives up waiting for response headers after 5 minutes, and a
 * long step (a render) must not be retried while it is still running. No timeout here.
 */
function post(url: URL, headers: Record<string, string>, body: string, signal?: AbortSignal) {
  return new Promise<{ status: number; headers: Headers; text: string }>((resolve, reject) => {
    const send = url.protocol === "https:" ? https.request : http.request;
    const req = send(url, { method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) }, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(", ") : v);
        resolve({ status: res.statusCode ?? 0, headers: h, text: Buffer.concat(chunks).toString("utf8") });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Milliseconds from a `retry-after` header (seconds, or an ISO date from RetryAfterError). */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Maps a serve-endpoint response to what the runner does next. */
export function classify(status: number, headers: Headers, text: string): Outcome {
  const body = parse(text);
  const fromSdk = headers.has("x-inngest-sdk");
  const noRetry = headers.get("x-inngest-no-retry") === "true";
  const retryAfter = retryAfterMs(headers.get("retry-after"));
  if (status === 200) return { kind: "complete", output: body };
  if (status === 206 && Array.isArray(body)) return { kind: "ops", ops: body as Op[], retryAfterMs: retryAfter };
  if (status === 500 && /was not found in this app/.test(text)) return { kind: "unknown-function" };
  if (!fromSdk) return { kind: "unavailable", reason: `HTTP ${status} (not from the Inngest SDK)` };
  if (status === 401 || status === 403) return { kind: "unavailable", reason: `HTTP ${status}: signature rejected (INNGEST_SIGNING_KEY mismatch?)` };
  return { kind: "function-error", error: body, final: noRetry, retryAfterMs: retryAfter };
}
