import type { z } from "zod";

export type PathPart = string | number;
export type Path = PathPart[];

export interface StoryboardIssue {
  path: string;
  message: string;
  value?: unknown;
  valid_values?: unknown[];
  limit?: number;
  line?: number;
  column?: number;
}

/** An issue with its raw path, so positions can be looked up before formatting. */
export interface RawIssue {
  path: Path;
  message: string;
  value?: unknown;
  valid_values?: unknown[];
  limit?: number;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `scenes[2].duration`, `transitions["intro->storm"]`; the empty path is `(document)`. */
export function formatStoryboardPath(path: ReadonlyArray<PathPart>): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else if (IDENT.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out || "(document)";
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return `a ${typeof v}`;
}

function scalar(v: unknown): unknown {
  if (v === null || ["string", "number", "boolean"].includes(typeof v)) {
    return typeof v === "string" && v.length > 200 ? `${v.slice(0, 200)}…` : v;
  }
  return undefined;
}

function valueAt(root: unknown, path: Path): unknown {
  let cur = root;
  for (const p of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PathPart, unknown>)[p];
  }
  return cur;
}

const EXPECTED: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a mapping",
  array: "a list",
  record: "a mapping",
};

/** One user-facing message per zod issue, with the limit or the allowed values where they help. */
function convert(issue: z.core.$ZodIssue, root: unknown, base: Path, out: RawIssue[]) {
  const path = [...base, ...(issue.path as PathPart[])];
  const value = scalar(valueAt(root, path));
  switch (issue.code) {
    case "unrecognized_keys":
      for (const key of issue.keys) out.push({ path: [...path, key], message: `Unknown field "${key}".` });
      return;
    case "invalid_union": {
      // Report the branch that matches the input's type (a string ref vs. a transition object).
      const input = valueAt(root, path);
      const branches = issue.errors.filter((errs) => !errs.some((e) => e.code === "invalid_type" && e.path.length === 0));
      const chosen = branches[0] ?? (typeof input === "string" ? issue.errors[0] : issue.errors[issue.errors.length - 1]);
      if (chosen && chosen.length && branches.length) {
        for (const e of chosen) convert(e, root, path, out);
        return;
      }
      out.push({ path, message: `Expected a name or a mapping, got ${typeName(input)}.`, value });
      return;
    }
    case "invalid_type": {
      const got = valueAt(root, path);
      const message =
        got === undefined ? "This field is required." : `Expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${typeName(got)}.`;
      out.push({ path, message, value });
      return;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      const message =
        issue.origin === "string"
          ? `At most ${max} characters.`
          : issue.origin === "array"
            ? `At most ${max} items.`
            : `Must be at most ${max}.`;
      out.push({ path, message, value, limit: max });
      return;
    }
    case "too_small": {
      const min = Number(issue.minimum);
      const message =
        issue.origin === "string"
          ? min <= 1
            ? "Must not be empty."
            : `At least ${min} characters.`
          : issue.origin === "array"
            ? `At least ${min} item${min === 1 ? "" : "s"}.`
            : `Must be at least ${min}.`;
      out.push({ path, message, value, limit: min });
      return;
    }
    case "invalid_value":
      out.push({ path, message: `Must be one of: ${issue.values.join(", ")}.`, value, valid_values: [...issue.values] });
      return;
    case "invalid_key":
      for (const e of issue.issues) convert(e, root, path, out);
      return;
    default:
      out.push({ path, message: issue.message, value });
  }
}

export function zodIssues(error: z.ZodError, root: unknown): RawIssue[] {
  const out: RawIssue[] = [];
  for (const issue of error.issues) convert(issue, root, [], out);
  return out;
}
