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
    const fe: FieldError = { path: formatPath(base) || "(body)", message: plainMessage(issue) };
    if (issue.code === "invalid_value") fe.valid_values = issue.values as unknown[];
    if (issue.code === "too_big") fe.limit = Number(issue.maximum);
    if (issue.code === "too_small") fe.limit = Number(issue.minimum);
    if ("input" in issue && issue.input !== undefined && typeof issue.input !== "object") fe.value = issue.input;
    errors.push(fe);
  }
  return errors;
}

/** zod's own messages ("Too small: expected string to have >=20 characters"); a schema's custom message is kept. */
const ZOD_DEFAULT = /^(Too (small|big):|Invalid (input|option|string|email|URL|UUID|GUID|key|element|value|number|date|type)\b|Invalid$|Expected |Unrecognized key|Number must|String must|Array must|Required$)/;

const KIND: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  date: "a date",
};

function received(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  if (typeof input === "string") return "text";
  if (typeof input === "number") return Number.isInteger(input) ? "a number" : "a decimal number";
  if (typeof input === "boolean") return "true/false";
  return typeof input === "object" ? "an object" : typeof input;
}

/** zod's type names in its "received x" wording. */
const RECEIVED: Record<string, string> = { string: "text", number: "a number", boolean: "true/false", object: "an object", array: "a list", null: "null" };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function sizeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === "too_small";
  const n = Number(small ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case "string":
      if (small && n <= 1) return "This can't be empty.";
      return small ? `Use at least ${plural(n, "character")}.` : `Use at most ${plural(n, "character")}.`;
    case "array":
    case "set":
      if (small && n <= 1) return "Add at least one item.";
      return small ? `Add at least ${plural(n, "item")}.` : `Use at most ${plural(n, "item")}.`;
    case "number":
    case "int":
    case "bigint":
      if (small) return inclusive ? `Use ${n} or more.` : `Use a number greater than ${n}.`;
      return inclusive ? `Use ${n} or less.` : `Use a number less than ${n}.`;
    default:
      return small ? `Too small: the minimum is ${n}.` : `Too large: the maximum is ${n}.`;
  }
}

const FORMAT: Record<string, string> = {
  email: "Enter an email address like ada@example.com.",
  url: "Enter a full address starting with https://.",
  uuid: "Use an id as the API gives it (a UUID).",
  guid: "Use an id as the API gives it (a UUID).",
  datetime: "Use a date and time like 2026-01-31T12:00:00Z.",
  date: "Use a date like 2026-01-31.",
  regex: "This contains characters that aren't allowed here.",
};

/** A sentence a person can act on, in place of zod's schema wording. */
export function plainMessage(issue: z.core.$ZodIssue): string {
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "too_small":
    case "too_big":
      return sizeMessage(issue);
    case "invalid_type": {
      // zod leaves the input out of issues; its message names what it received
      const got = "input" in issue && issue.input !== undefined ? received(issue.input) : /received (\w+)/.exec(issue.message)?.[1];
      if (!got || got === "undefined") return "This is required.";
      return `Use ${KIND[issue.expected] ?? issue.expected} here, not ${RECEIVED[got] ?? got}.`;
    }
    case "invalid_format":
      return FORMAT[issue.format] ?? `Use the ${issue.format} format.`;
    case "invalid_value":
      return issue.values.length === 1 ? `Use ${JSON.stringify(issue.values[0])}.` : `Use one of: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}.`;
    case "not_multiple_of":
      return `Use a multiple of ${String(issue.divisor)}.`;
    case "invalid_union":
      return "This value doesn't match any of the accepted forms.";
    default:
      return issue.message.replace(/^Invalid input$/, "This value isn't valid.");
  }
}
