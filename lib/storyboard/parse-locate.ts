/** Source positions: finds the node at a data path in a composed YAML document (JSON is composed as YAML too). */
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type LineCounter, type Pair } from "yaml";

import type { SourcePosition } from "./parse";
import type { PathSegment } from "./parse-limits";
import { positionAt, type YamlNode } from "./parse-yaml-compose";

export function safeLocate(
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
