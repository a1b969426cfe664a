/**
 * Limits and rules shared by the YAML and JSON parsers (see parse.ts for the overview), and the
 * internal error channel: `fail` throws a `Rejection`, which `parseStoryboardSource` turns into a result.
 */
import { formatStoryboardPath } from "./issues";
import type { ParseIssue, SourcePosition } from "./parse";

/** Maximum nesting of mappings/lists (the storyboard itself needs about 7). */
export const MAX_DEPTH = 32;
/** Alias dereferences, counting the ones met again while expanding other aliases. */
export const MAX_ALIAS_EXPANSIONS = 1000;
/** Values produced (scalars and collections). A 100 KB document without aliases has < 52,000. */
export const MAX_VALUES = 100_000;
/** Approximate JSON size of the result, so aliases cannot amplify 100 KB into megabytes. */
export const MAX_EXPANDED_CHARS = 1024 * 1024;

export const DOCUMENT = "(document)";

export const TOO_DEEP = `The storyboard is nested too deeply (more than ${MAX_DEPTH} levels).`;

export type PathSegment = string | number;

/** Thrown inside the parse*.ts modules only; always caught by `parseStoryboardSource`. */
export class Rejection {
  constructor(readonly issue: ParseIssue) {}
}

export function fail(message: string, path: ReadonlyArray<PathSegment> | string, pos?: SourcePosition, limit?: number): never {
  const issue: ParseIssue = { path: typeof path === "string" ? path : formatStoryboardPath([...path]), message };
  if (pos) {
    issue.line = pos.line;
    issue.column = pos.column;
  }
  if (limit !== undefined) issue.limit = limit;
  throw new Rejection(issue);
}

/** Whether the UTF-8 encoding of `text` is longer than `limit` bytes, without encoding it. */
export function exceedsUtf8Bytes(text: string, limit: number): boolean {
  // Every UTF-16 code unit takes at least one byte; at most three.
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  // Node's count is native and the same (a lone surrogate is encoded as U+FFFD, three bytes).
  if (typeof Buffer !== "undefined") return Buffer.byteLength(text, "utf8") > limit;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3; // lone surrogate → U+FFFD
    } else bytes += 3;
    if (bytes > limit) return true;
  }
  return false;
}

/** Keys that could pollute prototypes in careless downstream code (the secure-json-parse rules). */
export function badKey(name: string, parentPath: ReadonlyArray<PathSegment>): string | undefined {
  if (name === "__proto__") return 'The key "__proto__" is not allowed.';
  if (name === "prototype" && parentPath[parentPath.length - 1] === "constructor") {
    return 'The key "prototype" is not allowed inside "constructor".';
  }
  return undefined;
}
