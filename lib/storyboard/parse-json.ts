/** JSON → plain data: our own scan (positions, duplicates, depth), then JSON.parse, then the key rules. */
import type { Alias } from "yaml";

import type { ParsedSource, SourcePosition } from "./parse";
import { scanJson } from "./parse-json-scan";
import { DOCUMENT, MAX_DEPTH, TOO_DEEP, badKey, fail, type PathSegment } from "./parse-limits";
import { safeLocate } from "./parse-locate";
import { composeYaml, type ComposedYaml, type YamlNode } from "./parse-yaml-compose";

export function parseJson(text: string): ParsedSource {
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
