/**
 * YAML → plain data: converts the composed document ourselves (not `doc.toJS()`) so that every rule
 * and budget of parse-limits.ts is enforced, aliases included.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type LineCounter } from "yaml";

import type { ParsedSource, SourcePosition } from "./parse";
import { DOCUMENT, MAX_ALIAS_EXPANSIONS, MAX_DEPTH, MAX_EXPANDED_CHARS, MAX_VALUES, TOO_DEEP, badKey, fail, type PathSegment } from "./parse-limits";
import { safeLocate } from "./parse-locate";
import { CORE, composeYaml, positionAt, prettyTags, type YamlNode } from "./parse-yaml-compose";

const SCALAR_TAGS = new Set(["!", `${CORE}str`, `${CORE}int`, `${CORE}float`, `${CORE}bool`, `${CORE}null`]);
const MAP_TAGS = new Set(["!", `${CORE}map`]);
const SEQ_TAGS = new Set(["!", `${CORE}seq`]);

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

export function parseYaml(text: string): ParsedSource {
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
          if (depth + 2 > MAX_DEPTH) fail(TOO_DEEP, itemPath, nodePos(state, item.key as YamlNode), MAX_DEPTH);
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
  if (depth + 1 > MAX_DEPTH) fail(TOO_DEEP, path, nodePos(state, node), MAX_DEPTH);
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

