/**
 * Safe parsing of storyboard source text (YAML or JSON) into plain JS data, with source positions.
 *
 * Safety (spec part 3, §2):
 * - size: more than MAX_SOURCE_BYTES of UTF-8 is rejected before any parsing;
 * - nesting: the YAML token tree (and the JSON value) may be at most MAX_DEPTH collections deep.
 *   The depth of the YAML token tree is checked *before* composing it: the `yaml` composer recurses
 *   per level and, around 1,000 levels, can overflow the stack inside V8's RegExp compiler, which
 *   kills the process instead of throwing;
 * - tags: only the YAML core tags (str, int, float, bool, null, map, seq) and `!`; everything else
 *   (`!!js/function`, `!!binary`, `!!set`, `!custom`, …) is an error. `%YAML` directives other
 *   than 1.2 and `%TAG` directives are refused, merge keys (`<<`) are plain keys;
 * - keys: `__proto__` anywhere, and `prototype` inside a `constructor` mapping, are errors;
 *   mapping keys are always strings; duplicate keys are errors (checked here in O(1) per key:
 *   the `yaml` option `uniqueKeys` is quadratic in the size of a mapping);
 * - aliases: expanded by our own conversion with a budget (alias dereferences, values produced and
 *   approximate JSON size), so a "billion laughs" document fails after a few hundred steps;
 * - a single document; the top level must be a mapping; numbers must be finite.
 *
 * `parseStoryboardSource` never throws.
 *
 * This file is the public API. The work is done by its siblings:
 * - parse-limits.ts: the budgets, key safety and the internal `fail`/`Rejection`;
 * - parse-yaml-compose.ts: tokenizing and composing one YAML document (depth checked first);
 * - parse-yaml.ts: converting the composed YAML to plain data under the budgets;
 * - parse-json.ts, parse-json-scan.ts: JSON (our own scan for syntax/duplicates/depth, then JSON.parse);
 * - parse-locate.ts: source positions of paths, for both formats.
 */
import { parseJson } from "./parse-json";
import { DOCUMENT, Rejection, exceedsUtf8Bytes, fail } from "./parse-limits";
import { parseYaml } from "./parse-yaml";

export const MAX_SOURCE_BYTES = 100 * 1024;

export type SourceFormat = "yaml" | "json";

export interface SourcePosition {
  line: number;
  column: number;
} // 1-based

export interface ParseIssue {
  path: string;
  message: string;
  line?: number;
  column?: number;
  limit?: number;
}

export interface ParsedSource {
  value: unknown; // plain JS data (objects with no prototype tricks, arrays, strings, numbers, booleans, null)
  format: SourceFormat;
  /**
   * Position of the node at `path` (e.g. ["scenes", 2, "duration"]); for a missing key, the nearest
   * existing ancestor (where its key is, or the collection itself for list items and the root).
   */
  locate(path: ReadonlyArray<string | number>): SourcePosition | undefined;
}

export type ParseResult = { ok: true; source: ParsedSource } | { ok: false; error: ParseIssue };

/** Guess: JSON if the first non-space char is { or [, else YAML. */
export function detectFormat(text: string): SourceFormat {
  if (typeof text !== "string") return "yaml";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\uFEFF") continue;
    return c === "{" || c === "[" ? "json" : "yaml";
  }
  return "yaml";
}

export function parseStoryboardSource(text: string, format: SourceFormat): ParseResult {
  try {
    if (typeof text !== "string") fail("The storyboard must be text.", DOCUMENT);
    if (exceedsUtf8Bytes(text, MAX_SOURCE_BYTES)) {
      fail(
        `The storyboard is larger than 100 KB (limit: ${MAX_SOURCE_BYTES} bytes of UTF-8).`,
        DOCUMENT,
        undefined,
        MAX_SOURCE_BYTES,
      );
    }
    const source = format === "json" ? parseJson(text) : parseYaml(text);
    return { ok: true, source };
  } catch (e) {
    if (e instanceof Rejection) return { ok: false, error: e.issue };
    // Not expected; a stack overflow or an internal error of the yaml library must not escape.
    return { ok: false, error: { path: DOCUMENT, message: "The storyboard could not be parsed." } };
  }
}
