/**
 * Completion callbacks as RunPod sends them: POST the status body to the request's webhook; on a
 * non-2xx answer or a network error, try again twice more, `delayMs` apart (10 s at RunPod).
 */
import { setTimeout as sleep } from "node:timers/promises";

export interface WebhookOptions {
  attempts?: number;
  delayMs?: number;
  /** Per attempt. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Resolves true once a 2xx answer arrives, false when every attempt failed. */
export async function postWebhook(url: string, body: unknown, opts: WebhookOptions = {}): Promise<boolean> {
  const attempts = opts.attempts ?? 3;
  for (let i = 0; i < attempts; i++) {
    if (i > 0 && !(await sleep(opts.delayMs ?? 10_000, true, { signal: opts.signal }).catch(() => false))) return false;
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? 10_000);
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout,
    }).catch(() => null);
    await res?.body?.cancel().catch(() => undefined);
    if (res?.ok) return true;
    if (opts.signal?.aborted) return false;
  }
  return false;
}
