import { z } from "zod";

/** The single source of truth for error codes and their HTTP statuses (spec part 2 §2). */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  INSUFFICIENT_CREDITS: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  INVALID_STATE: 409,
  ASSET_IN_USE: 409,
  CONFLICT: 409,
  LIMIT_EXCEEDED: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_ERROR: 422,
  CONCURRENCY_LIMIT_EXCEEDED: 429,
  RATE_LIMIT_EXCEEDED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const errorCodeSchema = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

export interface FieldError {
  path: string;
  message: string;
  value?: unknown;
  valid_values?: unknown[];
  limit?: number;
}

export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
  }

  static validation(errors: FieldError[], message = "The request is invalid."): AppError {
    return new AppError("VALIDATION_ERROR", message, { errors });
  }
  static notFound(what = "Resource"): AppError {
    return new AppError("NOT_FOUND", `${what} not found.`);
  }
  static forbidden(message = "You are not allowed to do this."): AppError {
    return new AppError("FORBIDDEN", message);
  }
  static unauthorized(message = "Authentication required."): AppError {
    return new AppError("UNAUTHORIZED", message);
  }
}

export function errorBody(code: ErrorCode, message: string, details?: Record<string, unknown>) {
  return { error: details ? { code, message, details } : { code, message } };
}

/** Formats a path array the way users read it: `scenes[2].duration`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

export function zodToFieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    const base = [...(prefix ? [prefix] : []), ...issue.path];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        errors.push({ path: formatPath([...base, key]), message: `Unknown field "${key}".` });
      }
      continue;
    }
    const fe: FieldError = { path: formatPath(base) || "(body)", message: issue.message };
    if (issue.code === "invalid_value") fe.valid_values = issue.values as unknown[];
    if (issue.code === "too_big") fe.limit = Number(issue.maximum);
    if (issue.code === "too_small") fe.limit = Number(issue.minimum);
    if ("input" in issue && issue.input !== undefined && typeof issue.input !== "object") fe.value = issue.input;
    errors.push(fe);
  }
  return errors;
}
