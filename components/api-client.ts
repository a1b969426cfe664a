/**
 * A tiny typed fetch helper for same-origin calls to the /v1 API and /api/auth routes.
 * The browser's session cookie authenticates the request. Non-2xx responses are turned into
 * an ApiError carrying the envelope's code, message and details.
 */

export interface FieldError {
  path?: string;
  message: string;
}

export interface ErrorEnvelope {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** `details.errors` of a VALIDATION_ERROR (empty otherwise). */
  get fieldErrors(): FieldError[] {
    const errors = this.details?.errors;
    if (!Array.isArray(errors)) return [];
    return errors.filter(
      (e): e is FieldError => typeof e === "object" && e !== null && typeof (e as FieldError).message === "string",
    );
  }
}

function isEnvelope(v: unknown): v is ErrorEnvelope {
  if (typeof v !== "object" || v === null || !("error" in v)) return false;
  const e = (v as { error: unknown }).error;
  return typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string";
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(path, {
      method: opts.method ?? "GET",
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "NETWORK_ERROR", "Could not reach Framecast. Check your connection and try again.");
  }

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    if (isEnvelope(data)) {
      throw new ApiError(res.status, data.error.code, data.error.message, data.error.details);
    }
    const fallback =
      res.status === 404
        ? "This feature isn't available yet."
        : res.status >= 500
          ? "Something went wrong on our side. Please try again."
          : `The request failed (HTTP ${res.status}).`;
    throw new ApiError(res.status, `HTTP_${res.status}`, fallback);
  }
  return data as T;
}

/** A human sentence for any thrown value; validation errors list their field messages. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const fields = err.code === "VALIDATION_ERROR" ? err.fieldErrors : [];
    if (fields.length) {
      // one sentence per distinct problem, never the same sentence twice
      return [...new Set(fields.map((f) => (f.path && f.path !== "(body)" ? `${prettyPath(f.path)}: ${f.message}` : f.message)))].join(" ");
    }
    return err.message;
  }
  if (err instanceof Error) return err.message;
  return "Something went wrong.";
}

function prettyPath(path: string): string {
  const p = path.replace(/^(body|query)\./, "");
  return p.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase());
}

// ---- Response types (mirroring spec part 2 §3) ----

export type Tier = "starter" | "creator";

export interface User {
  id: string;
  email: string;
  name: string | null;
  avatar_url: string | null;
  tier: Tier;
  credits: number;
  ephemeral_storage_bytes: number;
  upgraded_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApiKey {
  id: string;
  user_id: string;
  owner: string;
  name: string;
  key_prefix: string;
  scopes: string[];
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export interface CreatedApiKey {
  api_key: ApiKey;
  raw_key: string;
}

export interface UsageNumbers {
  renders_count: number;
  render_seconds: number;
  credits_used: number;
  credits_refunded: number;
  net_credits: number;
  api_calls: number;
}

export interface UsageRow extends UsageNumbers {
  owner: string;
  period: string;
}

export interface Usage {
  period: string;
  data: UsageRow[];
  totals: UsageNumbers;
}
