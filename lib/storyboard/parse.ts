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
 */
import {
  Composer,
  LineCounter,
  Parser,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Alias,
  type CST,
  type Pair,
  type Document,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
} from "yaml";

import { formatStoryboardPath } from "./issues";

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

/** Maximum nesting of mappings/lists (the storyboard itself needs about 7). */
const MAX_DEPTH = 32;
/** Alias dereferences, counting the ones met again while expanding other aliases. */
const MAX_ALIAS_EXPANSIONS = 1000;
/** Values produced (scalars and collections). A 100 KB document without aliases has < 52,000. */
const MAX_VALUES = 100_000;
/** Approximate JSON size of the result, so aliases cannot amplify 100 KB into megabytes. */
const MAX_EXPANDED_CHARS = 1024 * 1024;

const DOCUMENT = "(document)";

type PathSegment = string | number;

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

const CORE = "tag:yaml.org,2002:";
const SCALAR_TAGS = new Set(["!", `${CORE}str`, `${CORE}int`, `${CORE}float`, `${CORE}bool`, `${CORE}null`]);
const MAP_TAGS = new Set(["!", `${CORE}map`]);
const SEQ_TAGS = new Set(["!", `${CORE}seq`]);

/** Thrown inside this module only; always caught by `parseStoryboardSource`. */
class Rejection {
  constructor(readonly issue: ParseIssue) {}
}

function fail(message: string, path: ReadonlyArray<PathSegment> | string, pos?: SourcePosition, limit?: number): never {
  const issue: ParseIssue = { path: typeof path === "string" ? path : formatStoryboardPath([...path]), message };
  if (pos) {
    issue.line = pos.line;
    issue.column = pos.column;
  }
  if (limit !== undefined) issue.limit = limit;
  throw new Rejection(issue);
}

// ---------------------------------------------------------------------------------------------
// Public entry points

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

// ---------------------------------------------------------------------------------------------
// Size

/** Whether the UTF-8 encoding of `text` is longer than `limit` bytes, without encoding it. */
function exceedsUtf8Bytes(text: string, limit: number): boolean {
  // Every UTF-16 code unit takes at least one byte; at most three.
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
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

// ---------------------------------------------------------------------------------------------
// YAML

interface Problem {
  offset: number;
  message: string;
  limit?: number;
}

interface ComposedYaml {
  /** Undefined when composition was stopped at the first error. */
  doc: Document.Parsed | undefined;
  lineCounter: LineCounter;
  /** Strict mode: the first error (syntax, stream, depth, custom tag). */
  problem?: Problem;
}

/** Warnings the `yaml` library reports for unknown tags (it then falls back to a string or plain collection). */
const FATAL_WARNINGS = new Set<string>(["TAG_RESOLVE_FAILED", "BAD_COLLECTION_TYPE"]);
const STOP = Symbol("stop at first YAML error");

const prettyTags = (message: string) => message.replaceAll(CORE, "!!");

function yamlProblem(offset: number, code: string, message: string): Problem {
  const note = FATAL_WARNINGS.has(code) ? " (custom tags are not allowed)" : "";
  return { offset, message: `${prettyTags(message)}${note}` };
}

/**
 * Tokenizes (iteratively, no recursion) and composes exactly one document. The CST depth is checked
 * before composing; reading stops at the first top-level error token or the start of a second document.
 * In strict mode, composition also stops at the first error.
 */
function composeYaml(text: string, strict: boolean): ComposedYaml {
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
        problem = { offset: tooDeep, message: `The storyboard is nested too deeply (more than ${MAX_DEPTH} levels).`, limit: MAX_DEPTH };
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

function positionAt(lineCounter: LineCounter, offset: number): SourcePosition {
  const { line, col } = lineCounter.linePos(offset);
  return line > 0 ? { line, column: col } : { line: 1, column: offset + 1 };
}

type YamlNode = NonNullable<Document.Parsed["contents"]>;

interface ConvertState {
  lineCounter: LineCounter;
  /** The latest node seen so far (in document order) with each anchor name. */
  anchors: Map<string, YamlNode>;
  /** What each alias node refers to, fixed when the alias is first met in document order. */
  aliasTargets: Map<Alias, YamlNode>;
  /** Collections being converted (ancestors of the current node), to refuse self-referencing aliases. */
  active: Set<YamlNode>;
  /** > 0 while expanding an alias: anchors met then are re-visits and must not be re-registered. */
  expanding: number;
  aliasExpansions: number;
  values: number;
  chars: number;
}

function parseYaml(text: string): ParsedSource {
  const { doc, lineCounter, problem } = composeYaml(text, true);
  const pos = (offset: number) => positionAt(lineCounter, offset);
  if (problem) fail(problem.message, DOCUMENT, pos(problem.offset), problem.limit);
  if (!doc) fail("The storyboard could not be parsed.", DOCUMENT);

  const root = doc.contents;
  if (!isMap(root)) {
    const found = root === null ? "an empty document" : isSeq(root) ? "a list" : isAlias(root) ? "an alias" : "a single value";
    fail(`The storyboard must be a mapping/object (found ${found}).`, DOCUMENT, pos(root?.range[0] ?? 0));
  }

  const state: ConvertState = {
    lineCounter,
    anchors: new Map(),
    aliasTargets: new Map(),
    active: new Set(),
    expanding: 0,
    aliasExpansions: 0,
    values: 0,
    chars: 0,
  };
  const value = convert(root, [], 0, state);
  const aliasTargets = state.aliasTargets;
  return {
    value,
    format: "yaml",
    locate: (path) => safeLocate(doc, lineCounter, aliasTargets, path),
  };
}

function nodePos(state: ConvertState, node: { range?: readonly number[] | null } | null | undefined): SourcePosition | undefined {
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : positionAt(state.lineCounter, offset);
}

function spend(state: ConvertState, chars: number, path: ReadonlyArray<PathSegment>, node: YamlNode | null) {
  state.values++;
  state.chars += chars;
  if (state.values > MAX_VALUES) {
    fail(`The storyboard expands to too many values (more than ${MAX_VALUES}); too many alias expansions?`, path, nodePos(state, node), MAX_VALUES);
  }
  if (state.chars > MAX_EXPANDED_CHARS) {
    fail(
      `The storyboard expands to more than ${MAX_EXPANDED_CHARS} characters of data; too many alias expansions?`,
      path,
      nodePos(state, node),
      MAX_EXPANDED_CHARS,
    );
  }
}

/**
 * Converts a composed YAML node to plain data, enforcing every safety rule. `depth` is the number of
 * collections around the node. Recursion is bounded by MAX_DEPTH.
 */
function convert(node: YamlNode | null, path: PathSegment[], depth: number, state: ConvertState): unknown {
  if (node === null) {
    spend(state, 4, path, null);
    return null;
  }
  if (isAlias(node)) {
    state.aliasExpansions++;
    if (state.aliasExpansions > MAX_ALIAS_EXPANSIONS) {
      fail(
        `Too many alias expansions (more than ${MAX_ALIAS_EXPANSIONS}); a document like a "billion laughs" is not allowed.`,
        path,
        nodePos(state, node),
        MAX_ALIAS_EXPANSIONS,
      );
    }
    let target = state.aliasTargets.get(node);
    if (!target && state.expanding === 0) {
      target = state.anchors.get(node.source);
      if (target) state.aliasTargets.set(node, target);
    }
    if (!target) fail(`Unknown alias *${node.source}: no anchor &${node.source} comes before it.`, path, nodePos(state, node));
    if (state.active.has(target)) fail(`The alias *${node.source} refers to a node that contains it.`, path, nodePos(state, node));
    state.expanding++;
    try {
      return convert(target, path, depth, state);
    } finally {
      state.expanding--;
    }
  }

  if (state.expanding === 0 && node.anchor) state.anchors.set(node.anchor, node);

  if (isScalar(node)) {
    if (node.tag !== undefined && !SCALAR_TAGS.has(node.tag)) fail(`The tag ${prettyTags(node.tag)} is not supported (custom tags are not allowed).`, path, nodePos(state, node));
    const v: unknown = node.value;
    if (v === null) {
      spend(state, 4, path, node);
      return null;
    }
    if (typeof v === "string") {
      spend(state, v.length + 2, path, node);
      return v;
    }
    if (typeof v === "boolean") {
      spend(state, 5, path, node);
      return v;
    }
    if (typeof v === "number") {
      if (!Number.isFinite(v)) fail("Numbers must be finite (.inf and .nan are not allowed).", path, nodePos(state, node));
      spend(state, 8, path, node);
      return v;
    }
    fail("Unsupported value: only strings, numbers, booleans, null, mappings and lists are allowed.", path, nodePos(state, node));
  }

  if (isMap(node)) {
    if (node.tag !== undefined && !MAP_TAGS.has(node.tag)) fail(`The tag ${prettyTags(node.tag)} is not supported (custom tags are not allowed).`, path, nodePos(state, node));
    enter(node, path, depth, state);
    try {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) addPair(out, pair.key as YamlNode | null, pair.value as YamlNode | null, path, depth + 1, state);
      return out;
    } finally {
      state.active.delete(node);
    }
  }

  if (isSeq(node)) {
    if (node.tag !== undefined && !SEQ_TAGS.has(node.tag)) fail(`The tag ${prettyTags(node.tag)} is not supported (custom tags are not allowed).`, path, nodePos(state, node));
    enter(node, path, depth, state);
    try {
      const out: unknown[] = [];
      node.items.forEach((item, i) => {
        const itemPath = [...path, i];
        if (isPair(item)) {
          // `[a: 1]`: a single-pair mapping inside a flow sequence.
          if (depth + 2 > MAX_DEPTH) fail(`The storyboard is nested too deeply (more than ${MAX_DEPTH} levels).`, itemPath, nodePos(state, item.key as YamlNode), MAX_DEPTH);
          spend(state, 2, itemPath, item.key as YamlNode);
          const obj: Record<string, unknown> = {};
          addPair(obj, item.key as YamlNode | null, item.value as YamlNode | null, itemPath, depth + 2, state);
          out.push(obj);
        } else {
          out.push(convert(item as YamlNode, itemPath, depth + 1, state));
        }
        state.chars += 1;
      });
      return out;
    } finally {
      state.active.delete(node);
    }
  }

  fail("Unsupported YAML node.", path, nodePos(state, node));
}

function enter(node: YamlNode, path: PathSegment[], depth: number, state: ConvertState) {
  if (depth + 1 > MAX_DEPTH) fail(`The storyboard is nested too deeply (more than ${MAX_DEPTH} levels).`, path, nodePos(state, node), MAX_DEPTH);
  spend(state, 2, path, node);
  state.active.add(node);
}

/** Adds one key/value pair to `out`; `depth` is the number of collections around the value. */
function addPair(
  out: Record<string, unknown>,
  key: YamlNode | null,
  value: YamlNode | null,
  parentPath: PathSegment[],
  depth: number,
  state: ConvertState,
) {
  // With `stringKeys`, the composer reports non-string keys as errors; this is a second line of defence.
  if (!isScalar(key) || typeof key.value !== "string") {
    fail("Mapping keys must be strings.", parentPath, nodePos(state, key) ?? nodePos(state, value));
  }
  const name = key.value;
  const path = [...parentPath, name];
  const bad = badKey(name, parentPath);
  if (bad) fail(bad, path, nodePos(state, key));
  if (Object.hasOwn(out, name)) fail(`Duplicate key "${name}".`, path, nodePos(state, key));
  state.chars += name.length + 4;
  const converted = convert(value, path, depth, state);
  // `name` is never "__proto__", so this defines an own data property.
  out[name] = converted;
}

/** Keys that could pollute prototypes in careless downstream code (the secure-json-parse rules). */
function badKey(name: string, parentPath: ReadonlyArray<PathSegment>): string | undefined {
  if (name === "__proto__") return 'The key "__proto__" is not allowed.';
  if (name === "prototype" && parentPath[parentPath.length - 1] === "constructor") {
    return 'The key "prototype" is not allowed inside "constructor".';
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Locating nodes

function safeLocate(
  doc: Document.Parsed,
  lineCounter: LineCounter,
  aliasTargets: ReadonlyMap<Alias, YamlNode>,
  path: ReadonlyArray<PathSegment>,
  target: "value" | "key" = "value",
): SourcePosition | undefined {
  try {
    return locateIn(doc, lineCounter, aliasTargets, path, target);
  } catch {
    return undefined;
  }
}

/** The position of the value at `path` (or, with target "key", of the key naming it). */
function locateIn(
  doc: Document.Parsed,
  lineCounter: LineCounter,
  aliasTargets: ReadonlyMap<Alias, YamlNode>,
  path: ReadonlyArray<PathSegment>,
  target: "value" | "key",
): SourcePosition | undefined {
  // A Pair stands for a single-pair mapping written inside a flow sequence: `[a: 1]`.
  type Located = YamlNode | Pair<unknown, unknown>;
  const at = (node: Located | null | undefined): SourcePosition | undefined => {
    if (isPair(node)) return at(node.key as YamlNode | null);
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : positionAt(lineCounter, offset);
  };
  let node: Located | null = doc.contents;
  if (!node) return positionAt(lineCounter, 0);
  // Where to point if the next segment does not exist: the key naming the current node, or the node.
  let fallback = at(node);
  let lastKey: YamlNode | null = null;
  for (const segment of path) {
    // Follow aliases into the anchored node (bounded: an alias never leads to another alias).
    for (let hops = 0; node && isAlias(node) && hops < 8; hops++) node = aliasTargets.get(node) ?? null;
    let keyNode: YamlNode | null = null;
    let next: Located | null | undefined;
    const pairs = isMap(node) ? node.items : isPair(node) ? [node] : [];
    for (const pair of pairs) {
      const k = pair.key as YamlNode | null;
      if (isScalar(k) && String(k.value) === String(segment)) {
        keyNode = k;
        next = pair.value as YamlNode | null;
      }
    }
    if (isSeq(node)) {
      const index = typeof segment === "number" ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
      if (index >= 0 && index < node.items.length) next = node.items[index] as Located | null;
    }
    if (next === undefined) return fallback;
    if (next === null) return at(keyNode) ?? fallback; // `key:` with no value
    fallback = at(keyNode) ?? at(next) ?? fallback;
    lastKey = keyNode;
    node = next;
  }
  return (target === "key" ? at(lastKey) : undefined) ?? at(node) ?? fallback;
}

// ---------------------------------------------------------------------------------------------
// JSON

function parseJson(text: string): ParsedSource {
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text; // a BOM becomes a space: offsets stay
  // Our own scan first: V8's messages do not always carry a position, and it measures the nesting.
  const scan = scanJson(body);
  if (scan.error) fail(scan.error.message, scan.error.path ?? DOCUMENT, lineColumn(body, scan.error.offset));
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /at position (\d+)/.exec(message);
    fail(`Invalid JSON: ${message.slice(0, 200)}`, DOCUMENT, at ? lineColumn(body, Number(at[1])) : undefined);
  }

  // JSON is YAML 1.2 (flow style): the text is composed by the yaml library, once, and only when a
  // position is asked for.
  let composed: ComposedYaml | undefined;
  const noAliases = new Map<Alias, YamlNode>();
  const find = (path: ReadonlyArray<PathSegment>, target: "value" | "key"): SourcePosition | undefined => {
    try {
      composed ??= composeYaml(body, false);
      return composed.doc ? safeLocate(composed.doc, composed.lineCounter, noAliases, path, target) : undefined;
    } catch {
      return undefined;
    }
  };
  const locate = (path: ReadonlyArray<PathSegment>) => find(path, "value");

  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const found = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    fail(`The storyboard must be a mapping/object (found ${found}).`, DOCUMENT, lineColumn(body, scan.start));
  }
  const tooDeepAt = scan.tooDeepAt;
  const depthPos = tooDeepAt === undefined ? undefined : lineColumn(body, tooDeepAt);
  checkJsonValue(value, [], 0, (path) => find(path, "key"), depthPos);
  return { value, format: "json", locate };
}

/** Walks JSON.parse output: depth and prototype keys. Recursion is bounded by MAX_DEPTH. */
function checkJsonValue(
  value: unknown,
  path: PathSegment[],
  depth: number,
  locateKey: (path: ReadonlyArray<PathSegment>) => SourcePosition | undefined,
  depthPos: SourcePosition | undefined,
) {
  if (value === null || typeof value !== "object") return;
  if (depth + 1 > MAX_DEPTH) fail(`The storyboard is nested too deeply (more than ${MAX_DEPTH} levels).`, path, depthPos, MAX_DEPTH);
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkJsonValue(item, [...path, i], depth + 1, locateKey, depthPos));
    return;
  }
  for (const key of Object.keys(value)) {
    const keyPath = [...path, key];
    const bad = badKey(key, path);
    // (When the text is too deep for the composer, no position.)
    if (bad) fail(bad, keyPath, depthPos === undefined ? locateKey(keyPath) : undefined);
    checkJsonValue((value as Record<string, unknown>)[key], keyPath, depth + 1, locateKey, depthPos);
  }
}

function lineColumn(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

interface JsonScan {
  /** The first syntax error (RFC 8259) or duplicate key, if any. */
  error?: { offset: number; message: string; path?: PathSegment[] };
  /** Offset of the first value (for the position of a wrong top-level type). */
  start: number;
  /** Offset of the first collection nested deeper than MAX_DEPTH. */
  tooDeepAt?: number;
}

/**
 * Scans JSON text without building anything: syntax, duplicate keys (JSON.parse silently keeps the
 * last one; the YAML side rejects them) and depth. Iterative, so `[[[[…` cannot overflow the stack.
 */
function scanJson(text: string): JsonScan {
  const result: JsonScan = { start: 0 };
  let started = false;
  const n = text.length;
  // The open collections, with the key (or index) of the current member.
  const stack: Array<{ open: number; segment: PathSegment; keys?: Set<string> }> = [];
  let i = 0;
  let state: "value" | "key" | "after" = "value";
  const isWs = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
  const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
  const describe = (at: number) => (at >= n ? "end of input" : `character ${JSON.stringify(text[at])}`);
  const err = (offset: number, message: string) => ({ offset, message: `Invalid JSON: ${message}` });

  const scanString = (start: number): number | { offset: number; message: string } => {
    let j = start + 1;
    for (;;) {
      if (j >= n) return err(start, "unterminated string");
      const c = text.charCodeAt(j);
      if (c === 0x22) return j + 1;
      if (c < 0x20) return err(j, "control character in a string (use an escape such as \\n)");
      if (c === 0x5c) {
        const e = text[j + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return err(j, "bad \\u escape in a string");
          j += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) j += 2;
        else return err(j, "bad escape in a string");
      } else j++;
    }
  };
  const scanNumber = (start: number): number | { offset: number; message: string } => {
    let j = start;
    if (text.charCodeAt(j) === 0x2d) j++;
    if (text.charCodeAt(j) === 0x30) j++;
    else if (isDigit(text.charCodeAt(j))) while (isDigit(text.charCodeAt(j))) j++;
    else return err(j, `unexpected ${describe(j)} in a number`);
    if (text.charCodeAt(j) === 0x2e) {
      j++;
      if (!isDigit(text.charCodeAt(j))) return err(j, `unexpected ${describe(j)} after a decimal point`);
      while (isDigit(text.charCodeAt(j))) j++;
    }
    if (text.charCodeAt(j) === 0x65 || text.charCodeAt(j) === 0x45) {
      j++;
      if (text.charCodeAt(j) === 0x2b || text.charCodeAt(j) === 0x2d) j++;
      if (!isDigit(text.charCodeAt(j))) return err(j, `unexpected ${describe(j)} in an exponent`);
      while (isDigit(text.charCodeAt(j))) j++;
    }
    return j;
  };

  const run = (): JsonScan["error"] => {
    for (;;) {
      while (i < n && isWs(text.charCodeAt(i))) i++;
      const c = text.charCodeAt(i);
      if (state === "value") {
        if (i >= n) return err(i, "unexpected end of input (a value is missing)");
        if (!started) {
          started = true;
          result.start = i;
        }
        if (c === 0x7b || c === 0x5b) {
          stack.push(c === 0x7b ? { open: c, segment: "", keys: new Set() } : { open: c, segment: 0 });
          if (stack.length > MAX_DEPTH && result.tooDeepAt === undefined) result.tooDeepAt = i;
          i++;
          while (i < n && isWs(text.charCodeAt(i))) i++;
          const close = c === 0x7b ? 0x7d : 0x5d;
          if (text.charCodeAt(i) === close) {
            stack.pop();
            i++;
            state = "after";
          } else state = c === 0x7b ? "key" : "value";
          continue;
        }
        let r: number | { offset: number; message: string };
        if (c === 0x22) r = scanString(i);
        else if (c === 0x2d || isDigit(c)) r = scanNumber(i);
        else {
          const word = ["true", "false", "null"].find((w) => text.startsWith(w, i));
          r = word ? i + word.length : err(i, `unexpected ${describe(i)}`);
        }
        if (typeof r !== "number") return r;
        i = r;
        state = "after";
      } else if (state === "key") {
        if (c !== 0x22) return err(i, `expected a double-quoted property name, found ${describe(i)}`);
        const r = scanString(i);
        if (typeof r !== "number") return r;
        const raw = text.slice(i, r);
        const name = raw.includes("\\") ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        const frame = stack[stack.length - 1];
        if (frame?.keys) {
          if (frame.keys.has(name)) {
            return { offset: i, message: `Duplicate key "${name}".`, path: [...stack.map((f) => f.segment).slice(0, -1), name] };
          }
          frame.keys.add(name);
          frame.segment = name;
        }
        i = r;
        while (i < n && isWs(text.charCodeAt(i))) i++;
        if (text.charCodeAt(i) !== 0x3a) return err(i, `expected ':' after a property name, found ${describe(i)}`);
        i++;
        state = "value";
      } else {
        const top = stack[stack.length - 1];
        if (top === undefined) return i < n ? err(i, `unexpected ${describe(i)} after the end of the JSON value`) : undefined;
        const close = top.open === 0x7b ? 0x7d : 0x5d;
        if (c === 0x2c) {
          i++;
          if (typeof top.segment === "number") top.segment++;
          state = top.open === 0x7b ? "key" : "value";
        } else if (c === close) {
          stack.pop();
          i++;
        } else {
          return err(i, `expected ',' or '${String.fromCharCode(close)}', found ${describe(i)}`);
        }
      }
    }
  };
  result.error = run();
  return result;
}
