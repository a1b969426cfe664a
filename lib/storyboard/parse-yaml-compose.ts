/**
 * Tokenizing and composing one YAML document with the `yaml` library, safely: the token tree's depth
 * is checked before composing (the composer recurses per level), and reading stops at the first error.
 */
import { Composer, LineCounter, Parser, type CST, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from "yaml";

import type { SourcePosition } from "./parse";
import { MAX_DEPTH, TOO_DEEP } from "./parse-limits";

const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: "1.2",
  schema: "core",
  customTags: [],
  merge: false,
  // Keys are composed as strings (`1: x` → "1"); collections, aliases or non-str tags as keys are errors.
  stringKeys: true,
  // Quadratic in the mapping size (2.6 s for a 100 KB flow mapping): duplicates are checked in `convert`.
  uniqueKeys: false,
  strict: true,
  prettyErrors: false,
  keepSourceTokens: false,
};

export const CORE = "tag:yaml.org,2002:";

interface Problem {
  offset: number;
  message: string;
  limit?: number;
}

export interface ComposedYaml {
  /** Undefined when composition was stopped at the first error. */
  doc: Document.Parsed | undefined;
  lineCounter: LineCounter;
  /** Strict mode: the first error (syntax, stream, depth, custom tag). */
  problem?: Problem;
}

/** Warnings the `yaml` library reports for unknown tags (it then falls back to a string or plain collection). */
const FATAL_WARNINGS = new Set<string>(["TAG_RESOLVE_FAILED", "BAD_COLLECTION_TYPE"]);
const STOP = Symbol("stop at first YAML error");

export const prettyTags = (message: string) => message.replaceAll(CORE, "!!");

function yamlProblem(offset: number, code: string, message: string): Problem {
  const note = FATAL_WARNINGS.has(code) ? " (custom tags are not allowed)" : "";
  return { offset, message: `${prettyTags(message)}${note}` };
}

/**
 * Tokenizes (iteratively, no recursion) and composes exactly one document. The CST depth is checked
 * before composing; reading stops at the first top-level error token or the start of a second document.
 * In strict mode, composition also stops at the first error.
 */
export function composeYaml(text: string, strict: boolean): ComposedYaml {
  const lineCounter = new LineCounter();
  const parser = new Parser(lineCounter.addNewLine);
  const tokens: CST.Token[] = [];
  let problem: Problem | undefined;
  let documents = 0;
  for (const token of parser.parse(text)) {
    if (token.type === "error") {
      problem = { offset: token.offset, message: token.message };
      break;
    }
    if (token.type === "directive" && strict && !/^%YAML[ \t]+1\.2(?:[ \t#]|$)/.test(token.source)) {
      problem = { offset: token.offset, message: "YAML directives are not allowed (only %YAML 1.2)." };
      break;
    }
    if (token.type === "document") {
      documents++;
      if (documents > 1) {
        problem = { offset: token.offset, message: "The storyboard must be a single YAML document (found a second one after ---)." };
        break;
      }
      const tooDeep = findTooDeep(token);
      if (tooDeep !== undefined) {
        problem = { offset: tooDeep, message: TOO_DEEP, limit: MAX_DEPTH };
        break;
      }
    }
    tokens.push(token);
  }
  if (!strict) problem = undefined;
  if (problem && !tokens.some((t) => t.type === "document")) return { doc: undefined, lineCounter, problem };

  const composer = new Composer(YAML_OPTIONS);
  let first: Problem | undefined;
  if (strict) {
    // Stop at the first error. Otherwise the composer builds an Error (with a stack trace) for each of
    // possibly 50,000 errors in 100 KB, which takes about a second. `onError` is not public API: if it
    // ever disappears, this is skipped and the errors are read from `doc.errors` below (only slower).
    const hook = composer as unknown as { onError?: unknown };
    if (typeof hook.onError === "function") {
      hook.onError = (source: unknown, code: string, message: string, warning?: boolean) => {
        if (warning && !FATAL_WARNINGS.has(code)) return;
        first ??= yamlProblem(errorOffset(source), code, message);
        throw STOP;
      };
    }
  }
  let doc: Document.Parsed | undefined;
  try {
    for (const token of tokens) for (const d of composer.next(token)) doc ??= d;
    for (const d of composer.end(true, text.length)) doc ??= d;
  } catch (e) {
    if (e !== STOP) throw e;
    doc = undefined;
  }
  if (strict) {
    for (const error of doc?.errors ?? []) first ??= yamlProblem(error.pos[0], error.code, error.message);
    for (const warning of doc?.warnings ?? []) {
      if (FATAL_WARNINGS.has(warning.code)) first ??= yamlProblem(warning.pos[0], warning.code, warning.message);
    }
  }
  // Report whichever comes first in the text: a problem inside the document or one after it.
  if (first && (!problem || first.offset <= problem.offset)) problem = first;
  return { doc, lineCounter, problem };
}

/** The start offset of what the composer passes to `onError` (an offset, a range or a token). */
function errorOffset(source: unknown): number {
  if (typeof source === "number") return source;
  if (Array.isArray(source) && typeof source[0] === "number") return source[0];
  if (source && typeof source === "object" && "offset" in source && typeof source.offset === "number") return source.offset;
  return 0;
}

/** Offset of the first collection nested deeper than MAX_DEPTH in a CST document, if any. */
function findTooDeep(document: CST.Document): number | undefined {
  const stack: Array<[CST.Token, number]> = [];
  if (document.value) stack.push([document.value, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (token.type !== "block-map" && token.type !== "block-seq" && token.type !== "flow-collection") continue;
    if (depth + 1 > MAX_DEPTH) return token.offset;
    for (const item of token.items) {
      if (item.key) stack.push([item.key, depth + 1]);
      if (item.value) stack.push([item.value, depth + 1]);
    }
  }
  return undefined;
}

export function positionAt(lineCounter: LineCounter, offset: number): SourcePosition {
  const { line, col } = lineCounter.linePos(offset);
  return line > 0 ? { line, column: col } : { line: 1, column: offset + 1 };
}

export type YamlNode = NonNullable<Document.Parsed["contents"]>;
