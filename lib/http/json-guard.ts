/**
 * Rules for every JSON request body, beyond what JSON.parse checks: no duplicate keys (JSON.parse
 * silently keeps the last), bounded nesting, no keys that touch prototypes, and no NUL characters
 * (PostgreSQL text cannot hold them).
 */
import { scanJson } from "@/lib/storyboard/parse-json-scan";
import { AppError, formatPath, type FieldError } from "./errors";

export const MAX_BODY_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Parses JSON text under the rules above: 400 for structure, 422 with paths for forbidden content. */
export function parseJsonStrict(text: string): unknown {
  // One pass (the storyboard parser's scanner) finds both the nesting depth and duplicate keys.
  const scan = scanJson(text, MAX_BODY_DEPTH);
  if (scan.tooDeepAt !== undefined) {
    throw new AppError("BAD_REQUEST", `The JSON body is nested too deeply (more than ${MAX_BODY_DEPTH} levels).`, { limit: MAX_BODY_DEPTH });
  }
  if (scan.error?.path) {
    throw new AppError("BAD_REQUEST", `The JSON body has a duplicate key at ${formatPath(scan.error.path)}.`, { path: formatPath(scan.error.path) });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.", {
      reason: err instanceof Error ? err.message.slice(0, 200) : undefined,
    });
  }
  const errors: FieldError[] = [];
  checkValue(value, [], errors);
  if (errors.length) throw AppError.validation(errors.slice(0, 20));
  return value;
}

/** Recursion is bounded by MAX_BODY_DEPTH, checked above. */
function checkValue(value: unknown, path: PropertyKey[], errors: FieldError[]): void {
  if (typeof value === "string") {
    if (value.includes("\u0000")) errors.push({ path: at(path), message: "Text may not contain NUL (\\u0000) characters." });
    return;
  }
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkValue(item, [...path, i], errors));
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(key)) errors.push({ path: at([...path, key]), message: `The key "${key}" is not allowed.` });
    else if (key.includes("\u0000")) errors.push({ path: at(path), message: "Keys may not contain NUL (\\u0000) characters." });
    else checkValue(item, [...path, key], errors);
  }
}

/** Query strings: NUL characters are refused like in bodies. */
export function assertNoNul(values: Record<string, string>, where: string): void {
  const errors = Object.entries(values)
    .filter(([k, v]) => k.includes("\u0000") || v.includes("\u0000"))
    .map(([k]) => ({ path: formatPath([where, k.replace(/\u0000/g, "\\u0000")]), message: "Text may not contain NUL (\\u0000) characters." }));
  if (errors.length) throw AppError.validation(errors);
}

function at(path: PropertyKey[]): string {
  return formatPath(path) || "(body)";
}
