/** JSON → plain data: our own scan (positions, duplicates, depth), then JSON.parse, then the key rules. */
import type { Alias } from "yaml";

import type { ParsedSource, SourcePosition } from "./parse";
import { scanJson } from "./parse-json-scan";
import { DOCUMENT, MAX_DEPTH, TOO_DEEP, badKey, fail, type PathSegment } from "./parse-limits";
import { safeLocate } from "./parse-locate";
import { composeYaml, type ComposedYaml, type YamlNode } from "./parse-yaml-compose";

export function parseJson(text: string): ParsedSource {
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text; // a BOM becomes a space: offsets stay
  const fast = acceptedAsIs(body);
  if (fast !== undefined) return { value: fast, format: "json", locate: locator(body).locate };
  return parseRejected(body);
}

/**
 * The common case, without our character-by-character scan: JSON.parse succeeds, so the syntax is
 * valid; the document is accepted when it is a mapping, no collection is too deep, no key is unsafe
 * and no key is repeated (JSON.parse keeps one key per name, so the keys it kept, counted over the
 * whole value, equal the property names in the text only when none repeats). Anything else is left
 * to `parseRejected`, which finds the first problem exactly as before (same message and position).
 */
function acceptedAsIs(body: string): object | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const keys = safeKeyCount(value, 1, undefined);
  return keys >= 0 && keys === propertyNamesIn(body) ? value : undefined;
}

/** Keys kept by JSON.parse in `value` and below; -1 when too deep or a key is unsafe. */
function safeKeyCount(value: object, level: number, segment: PathSegment | undefined): number {
  if (level > MAX_DEPTH) return -1;
  let count = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === null || typeof item !== "object") continue;
      const below = safeKeyCount(item, level + 1, i);
      if (below < 0) return -1;
      count += below;
    }
    return count;
  }
  const parent = segment === undefined ? [] : [segment];
  for (const key of Object.keys(value)) {
    if (badKey(key, parent)) return -1;
    count++;
    const item: unknown = (value as Record<string, unknown>)[key];
    if (item === null || typeof item !== "object") continue;
    const below = safeKeyCount(item, level + 1, key);
    if (below < 0) return -1;
    count += below;
  }
  return count;
}

/** Property names in valid JSON text: strings followed by `:` (jumps from quote to quote). */
function propertyNamesIn(text: string): number {
  let names = 0;
  let open = text.indexOf('"');
  while (open !== -1) {
    let close = text.indexOf('"', open + 1);
    while (escaped(text, close)) close = text.indexOf('"', close + 1);
    let next = close + 1;
    for (let c = text.charCodeAt(next); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d; c = text.charCodeAt(++next));
    if (text.charCodeAt(next) === 0x3a) names++;
    open = text.indexOf('"', next);
  }
  return names;
}

/** Whether the quote at `at` is escaped (an odd number of backslashes before it). */
function escaped(text: string, at: number): boolean {
  let slashes = 0;
  while (text.charCodeAt(at - 1 - slashes) === 0x5c) slashes++;
  return slashes % 2 === 1;
}

/**
 * JSON is YAML 1.2 (flow style): the text is composed by the yaml library, once, and only when a
 * position is asked for.
 */
function locator(body: string) {
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
  return { find, locate: (path: ReadonlyArray<PathSegment>) => find(path, "value") };
}

/** The full check, in order: our scan (syntax, duplicates, depth), JSON.parse, the top level, the keys. */
function parseRejected(body: string): ParsedSource {
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
  const { find, locate } = locator(body);

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
  if (depth + 1 > MAX_DEPTH) fail(TOO_DEEP, path, depthPos, MAX_DEPTH);
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
