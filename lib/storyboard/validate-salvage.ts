import type { z } from "zod";
import type { Path, RawIssue } from "./issues";
import { storyboardSchema, sceneSchema, type Storyboard } from "./schema";

/**
 * What is left of a storyboard with structural errors once every unsound part is set aside, so the
 * reference checks can still run on the rest (spec part 3 §2: all issues at once). A part is a
 * scene, a timeline element, a symbol, a preset, a transitions entry, or a top-level field.
 */
export interface Salvage {
  sb: Storyboard;
  /** Where each kept scene / timeline element was in the document (paths are mapped back). */
  sceneAt: number[];
  timelineAt: number[];
  /** Names that unsound parts define: references to them are not errors. */
  known: KnownNames;
}

export interface KnownNames {
  sceneIds: Set<string>;
  symbols: Set<string>;
  presets: Set<string>;
}

export const noKnownNames = (): KnownNames => ({ sceneIds: new Set(), symbols: new Set(), presets: new Set() });

// Scenes may all be unsound: the rest is still checked, with no scenes of its own.
const salvageSchema = storyboardSchema.extend({ scenes: sceneSchema.array() });

type Doc = Record<string, unknown>;
const MAPS = ["symbols", "transition_presets", "transitions"] as const;
type MapKey = (typeof MAPS)[number];

const isMap = (v: unknown): v is Doc => !!v && typeof v === "object" && !Array.isArray(v);

interface Unsound {
  scenes: Set<number>;
  timeline: Set<number>;
  maps: Record<MapKey, Set<string>>;
  fields: Set<string>;
}

function collect(issues: z.core.$ZodIssue[], doc: Doc): Unsound | null {
  const bad: Unsound = { scenes: new Set(), timeline: new Set(), maps: { symbols: new Set(), transition_presets: new Set(), transitions: new Set() }, fields: new Set() };
  for (const issue of issues) {
    const [head, key] = issue.path;
    if (head === undefined) {
      if (issue.code !== "unrecognized_keys") return null;
      issue.keys.forEach((k) => bad.fields.add(k));
    } else if ((head === "scenes" || head === "timeline") && typeof key === "number") {
      bad[head].add(key);
    } else if (MAPS.includes(head as MapKey) && typeof key === "string") {
      bad.maps[head as MapKey].add(key);
    } else if (head === "scenes") {
      return null; // the list itself: missing, not a list, or over the limit
    } else if (typeof head === "string") {
      if (MAPS.includes(head as MapKey) && isMap(doc[head])) Object.keys(doc[head]).forEach((k) => bad.maps[head as MapKey].add(k));
      bad.fields.add(head);
    }
  }
  return bad;
}

function keep(list: unknown, skip: Set<number>): { items: unknown[]; at: number[] } {
  const at = Array.isArray(list) ? list.map((_, i) => i).filter((i) => !skip.has(i)) : [];
  return { items: at.map((i) => (list as unknown[])[i]), at };
}

/** The sound rest of `value`, or null when nothing can be checked beyond the structural errors. */
export function salvage(value: unknown, error: z.ZodError): Salvage | null {
  if (!isMap(value)) return null;
  const bad = collect(error.issues, value);
  if (!bad) return null;
  const doc: Doc = { ...value };
  for (const field of bad.fields) delete doc[field];
  if (bad.fields.has("title")) doc.title = "untitled"; // nothing refers to the title
  const known = noKnownNames();
  const scenes = keep(value.scenes, bad.scenes);
  for (const i of bad.scenes) {
    const id = (value.scenes as Doc[])[i]?.id;
    if (typeof id === "string") known.sceneIds.add(id);
  }
  doc.scenes = scenes.items;
  const timeline = keep(value.timeline, bad.timeline);
  if (Array.isArray(value.timeline)) doc.timeline = timeline.items;
  for (const map of MAPS) {
    if (!isMap(doc[map])) continue;
    const rest = { ...(doc[map] as Doc) };
    for (const name of bad.maps[map]) delete rest[name];
    doc[map] = rest;
  }
  bad.maps.symbols.forEach((n) => known.symbols.add(n));
  bad.maps.transition_presets.forEach((n) => known.presets.add(n));
  const parsed = salvageSchema.safeParse(doc);
  if (!parsed.success) return null;
  return { sb: parsed.data as Storyboard, sceneAt: scenes.at, timelineAt: timeline.at, known };
}

/** Maps an issue found on the salvaged rest back to its place in the document. */
export function mapBack(issue: RawIssue, s: Salvage): RawIssue {
  const [head, index, ...rest] = issue.path;
  if (typeof index !== "number") return issue;
  const at = head === "scenes" ? s.sceneAt : head === "timeline" ? s.timelineAt : null;
  if (!at) return issue;
  const path: Path = [head!, at[index] ?? index, ...rest];
  return { ...issue, path };
}
