/** Shapes shared by the runner's modules (wire formats of inngest@4 and stored rows). */

/** An event as functions see it (`event` in handlers and expressions). */
export interface InngestEvent {
  name: string;
  data: Record<string, unknown>;
  id?: string;
  ts?: number;
  [key: string]: unknown;
}

export interface ConcurrencyOption {
  limit: number;
  key?: string;
  scope?: "fn" | "env" | "account";
}

/** One function of the register (sync) body, as the SDK's getConfig() builds it. */
export interface FunctionConfig {
  id: string;
  name?: string;
  triggers: Array<{ event?: string; expression?: string; cron?: string }>;
  steps: Record<string, { id: string; name: string; runtime: { type: string; url: string }; retries?: { attempts?: number } }>;
  cancel?: Array<{ event: string; if?: string; timeout?: string }>;
  concurrency?: number | ConcurrencyOption | ConcurrencyOption[];
  timeouts?: { start?: string; finish?: string };
  idempotency?: string;
  [key: string]: unknown;
}

/** A memoized step result, exactly as sent back in the request's `steps`. */
export type StepResult = { type: "data"; data: unknown } | { type: "error"; error: unknown };

/** One op of a 206 response. */
export interface Op {
  op: string;
  id: string;
  name?: string;
  displayName?: string;
  opts?: Record<string, unknown> & { if?: string; timeout?: string; parallelMode?: string };
  data?: unknown;
  error?: unknown;
}

/** What one request to the app's serve endpoint came back with. */
export type Outcome =
  | { kind: "complete"; output: unknown }
  | { kind: "ops"; ops: Op[]; retryAfterMs?: number }
  | { kind: "function-error"; error: unknown; final: boolean; retryAfterMs?: number }
  | { kind: "unknown-function" }
  | { kind: "unavailable"; reason: string };

export type RunStatus = "queued" | "running" | "completed" | "failed" | "cancelled";

export interface RunRow {
  id: string;
  function_id: string;
  event_id: string;
  event: InngestEvent;
  status: RunStatus;
  output: unknown;
  error: unknown;
  cancel_reason: string | null;
  concurrency: Array<{ key: string; limit: number }>;
  version: number;
  created_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
}

/** A queue item: a request to make (exec), a timer (sleep) or a waiter (wait). */
export interface QueueItem {
  id: string;
  run_id: string;
  kind: "exec" | "sleep" | "wait";
  step_id: string;
  attempt: number;
  failures: number;
  due_at: Date;
  wait_event: string | null;
  op: Op | null;
  created_at: Date;
}
