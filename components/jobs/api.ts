import { ApiError, api } from "@/components/api-client";
import type { Job, ValidationResult } from "./types";

export type SourceFormat = "yaml" | "json";

/** JSON if the document starts with `{` (after whitespace and a BOM), YAML otherwise. */
export function detectFormat(text: string): SourceFormat {
  return /^[\s\uFEFF]*\{/.test(text) ? "json" : "yaml";
}

/**
 * Sends storyboard text as the body (YAML or JSON, by Content-Type), so issues come back with line
 * and column. `api()` only sends JSON bodies, hence this small sibling; errors are the same ApiError.
 */
async function sendSource<T>(path: string, method: "POST" | "PUT", text: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { accept: "application/json", "content-type": detectFormat(text) === "json" ? "application/json" : "application/yaml" },
      body: text,
      signal,
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "NETWORK_ERROR", "Could not reach Framecast. Check your connection and try again.");
  }
  const data: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined)?.error;
    if (e?.message) throw new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message, e.details);
    throw new ApiError(res.status, `HTTP_${res.status}`, `The request failed (HTTP ${res.status}).`);
  }
  return data as T;
}

/** POST /v1/spec/validate with the storyboard text. */
export function validateSource(text: string, signal?: AbortSignal): Promise<ValidationResult> {
  return sendSource<ValidationResult>("/v1/spec/validate", "POST", text, signal);
}

/** PUT /v1/projects/:id/spec with the storyboard text (saved even when invalid). */
export function saveProjectSpec(projectId: string, text: string): Promise<{ validation: ValidationResult }> {
  return sendSource(`/v1/projects/${encodeURIComponent(projectId)}/spec`, "PUT", text);
}

export function getJob(id: string, signal?: AbortSignal): Promise<Job> {
  return api<Job>(`/v1/jobs/${encodeURIComponent(id)}`, { signal });
}

/** A fresh idempotency key (one per distinct submission). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== "undefined" && "randomUUID" in crypto) return `web_${crypto.randomUUID()}`;
  return `web_${Date.now().toString(36)}_${Math.random().toString(36).slice(2)}`;
}
