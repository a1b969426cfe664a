import { isSystemAssetId } from "@/lib/system-assets/catalog";
import { formatStoryboardPath, zodIssues, type Path, type RawIssue, type StoryboardIssue } from "./issues";
import type { ParsedSource } from "./parse";
import { mapBack, noKnownNames, salvage, type KnownNames, type Salvage } from "./validate-salvage";
import { buildPlan, isBuiltInTransition, type PlaybackPlan } from "./playback";
import { LIMITS, storyboardSchema, TRANSITION_TYPES, type Storyboard, type TransitionRef } from "./schema";

/** What an asset file must be to be used where it is referenced. */
export type AssetMedia = "audio" | "image";

export interface AssetRef {
  id: string;
  media: AssetMedia;
  path: Path;
}

/**
 * Looks up uploaded asset files (UUID ids) for the caller. Returns, per id it could find and the
 * caller may use, its status and content type; ids missing from the map are unknown to the caller.
 */
export interface AssetResolver {
  resolve(ids: string[]): Promise<Map<string, { status: string; contentType: string }>>;
}

export const noAssetFiles: AssetResolver = { resolve: async () => new Map() };

export interface ValidationResult {
  valid: boolean;
  errors: StoryboardIssue[];
  warnings: StoryboardIssue[];
  /** The typed storyboard when there are no errors. */
  storyboard?: Storyboard;
  plan?: PlaybackPlan;
}


function countLimits(value: unknown, errors: RawIssue[]) {
  if (!value || typeof value !== "object") return;
  const v = value as Record<string, unknown>;
  for (const [key, limit, what] of [
    ["symbols", LIMITS.symbols, "symbols"],
    ["transition_presets", LIMITS.presets, "transition presets"],
  ] as const) {
    const map = v[key];
    if (map && typeof map === "object" && !Array.isArray(map) && Object.keys(map).length > limit) {
      errors.push({ path: [key], message: `At most ${limit} ${what}.`, limit, value: Object.keys(map).length });
    }
  }
}

function transitionNameIssue(sb: Storyboard, ref: TransitionRef, path: Path, known: KnownNames): RawIssue | null {
  if (typeof ref !== "string" || known.presets.has(ref)) return null;
  if (sb.transition_presets && Object.prototype.hasOwnProperty.call(sb.transition_presets, ref)) return null;
  if (isBuiltInTransition(ref)) return null;
  const valid = [...Object.keys(sb.transition_presets ?? {}), ...TRANSITION_TYPES.filter((t) => t !== "custom")];
  return { path, message: `Unknown transition "${ref}": not a preset or a built-in type.`, value: ref, valid_values: valid };
}

function checkScenes(sb: Storyboard, errors: RawIssue[], warnings: RawIssue[]) {
  const seen = new Set<string>();
  sb.scenes.forEach((s, i) => {
    if (seen.has(s.id)) errors.push({ path: ["scenes", i, "id"], message: `Duplicate scene id "${s.id}".`, value: s.id });
    seen.add(s.id);
    if (s.duration > 10) {
      warnings.push({ path: ["scenes", i, "duration"], message: "Scenes longer than 10 s lose quality; consider splitting it." });
    }
    if (s.prompt.length > 1500) {
      warnings.push({ path: ["scenes", i, "prompt"], message: "Prompts over 1,500 characters are often truncated by the model." });
    }
  });
}

const isNameStart = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
const isNamePart = (c: number) => isNameStart(c) || (c >= 0x30 && c <= 0x39);

/**
 * The names mentioned as `@name` (what `text.matchAll(SYMBOL_MENTION)` captures, in order), found
 * by jumping from `@` to `@`: the regex walks long prompts several times slower.
 */
function symbolMentions(text: string): string[] {
  const names: string[] = [];
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at)) {
    let end = at + 1;
    if (!isNameStart(text.charCodeAt(end))) {
      at = end;
      continue;
    }
    while (isNamePart(text.charCodeAt(end))) end++;
    names.push(text.slice(at + 1, end));
    at = end;
  }
  return names;
}

function checkSymbols(sb: Storyboard, errors: RawIssue[], warnings: RawIssue[], known: KnownNames) {
  const symbols = sb.symbols ?? {};
  const defined = Object.keys(symbols);
  const used = new Set<string>();
  const mentions = (text: string | undefined) => symbolMentions(text ?? "");
  for (const name of [...mentions(sb.global_prompt?.positive), ...mentions(sb.global_prompt?.negative)]) used.add(name);
  sb.scenes.forEach((s, i) => {
    for (const name of mentions(s.prompt)) {
      used.add(name);
      if (!Object.prototype.hasOwnProperty.call(symbols, name) && !known.symbols.has(name)) {
        errors.push({ path: ["scenes", i, "prompt"], message: `Unknown symbol @${name}.`, value: `@${name}`, valid_values: defined.map((d) => `@${d}`) });
      }
    }
    s.audio?.dialogue?.forEach((line, j) => {
      if (line.speaker === undefined || known.symbols.has(line.speaker)) return;
      used.add(line.speaker);
      const path = ["scenes", i, "audio", "dialogue", j, "speaker"];
      const symbol = Object.prototype.hasOwnProperty.call(symbols, line.speaker) ? symbols[line.speaker] : undefined;
      if (!symbol) errors.push({ path, message: `Speaker "${line.speaker}" is not a symbol.`, value: line.speaker, valid_values: defined });
      else if (!symbol.voice) errors.push({ path, message: `Symbol "${line.speaker}" has no voice, so it cannot speak.`, value: line.speaker });
    });
  });
  for (const name of defined) {
    if (!used.has(name)) warnings.push({ path: ["symbols", name], message: `Symbol "${name}" is never used (mention it as @${name}).` });
  }
}

function checkReferences(sb: Storyboard, errors: RawIssue[], warnings: RawIssue[], known: KnownNames) {
  const ids = [...sb.scenes.map((s) => s.id), ...known.sceneIds];
  const idSet = new Set(ids);
  const sceneRef = (id: string, path: Path) => {
    if (!idSet.has(id)) errors.push({ path, message: `Unknown scene "${id}".`, value: id, valid_values: ids });
  };
  const reached = new Set<string>();
  sb.timeline?.forEach((el, i) => {
    if (el.scene !== undefined) {
      sceneRef(el.scene, ["timeline", i, "scene"]);
      reached.add(el.scene);
    }
    if (el.transition !== undefined) {
      const issue = transitionNameIssue(sb, el.transition, ["timeline", i, "transition"], known);
      if (issue) errors.push(issue);
    }
    el.flashback?.scenes.forEach((id, j) => (sceneRef(id, ["timeline", i, "flashback", "scenes", j]), reached.add(id)));
    el.montage?.scenes.forEach((id, j) => (sceneRef(id, ["timeline", i, "montage", "scenes", j]), reached.add(id)));
    if (el.montage?.transition !== undefined) {
      const issue = transitionNameIssue(sb, el.montage.transition, ["timeline", i, "montage", "transition"], known);
      if (issue) errors.push(issue);
    }
  });
  if (sb.timeline) {
    sb.scenes.forEach((s, i) => {
      if (!reached.has(s.id)) warnings.push({ path: ["scenes", i], message: `Scene "${s.id}" is not in the timeline, so it never plays.` });
    });
  }
  for (const [key, ref] of Object.entries(sb.transitions ?? {})) {
    const path: Path = ["transitions", key];
    if (key !== "default") {
      const m = /^([a-z0-9_-]{1,64})->([a-z0-9_-]{1,64})$/.exec(key);
      if (!m) {
        errors.push({ path, message: `Transition keys are "default" or "<sceneA>-><sceneB>", not "${key}".`, value: key });
      } else {
        for (const id of [m[1]!, m[2]!]) {
          if (!idSet.has(id)) errors.push({ path, message: `Unknown scene "${id}" in transition key "${key}".`, value: id, valid_values: ids });
        }
      }
    }
    const issue = transitionNameIssue(sb, ref, path, known);
    if (issue) errors.push(issue);
  }
}

function checkPlan(sb: Storyboard, plan: PlaybackPlan, errors: RawIssue[], warnings: RawIssue[]) {
  const played = plan.clips.reduce((s, c) => s + c.duration, 0) - plan.junctions.reduce((s, j) => s + j.transition.duration, 0);
  if (played > LIMITS.totalSeconds) {
    errors.push({
      path: [sb.timeline ? "timeline" : "scenes"],
      message: `The video would be ${Math.round(played * 10) / 10} s long; the limit is ${LIMITS.totalSeconds} s.`,
      value: Math.round(played * 1000) / 1000,
      limit: LIMITS.totalSeconds,
    });
  }
  for (const j of plan.junctions) {
    const before = plan.clips[j.index - 1]!;
    const after = plan.clips[j.index]!;
    if (j.transition.duration > Math.min(before.duration, after.duration) / 2) {
      warnings.push({
        path: j.path ?? ["timeline"],
        message: `The ${j.transition.duration} s transition between "${before.sceneId}" and "${after.sceneId}" is longer than half of one of them.`,
      });
    }
  }
  for (const path of plan.strayTransitions) {
    warnings.push({ path, message: "This transition has no clip on one side, so it has no effect." });
  }
}

/** Every asset reference with the media it must be. */
export function assetRefs(sb: Storyboard): AssetRef[] {
  const refs: AssetRef[] = [];
  const audio = (id: string | undefined, path: Path) => id && refs.push({ id, media: "audio", path });
  audio(sb.global_audio?.music?.asset_id, ["global_audio", "music", "asset_id"]);
  audio(sb.global_audio?.ambient?.asset_id, ["global_audio", "ambient", "asset_id"]);
  for (const [name, sym] of Object.entries(sb.symbols ?? {})) {
    sym.reference_images?.forEach((r, i) => refs.push({ id: r.asset_id, media: "image", path: ["symbols", name, "reference_images", i, "asset_id"] }));
    audio(sym.voice?.asset_id, ["symbols", name, "voice", "asset_id"]);
  }
  sb.scenes.forEach((s, i) => {
    const base = ["scenes", i, "audio"];
    audio(s.audio?.ambient?.asset_id, [...base, "ambient", "asset_id"]);
    audio(s.audio?.music?.asset_id, [...base, "music", "asset_id"]);
    s.audio?.sfx?.forEach((x, j) => audio(x.asset_id, [...base, "sfx", j, "asset_id"]));
  });
  const transitionAudio = (t: TransitionRef | undefined, path: Path) =>
    t && typeof t !== "string" && audio(t.audio?.asset_id, [...path, "audio", "asset_id"]);
  for (const [name, t] of Object.entries(sb.transition_presets ?? {})) transitionAudio(t, ["transition_presets", name]);
  for (const [key, t] of Object.entries(sb.transitions ?? {})) transitionAudio(t, ["transitions", key]);
  sb.timeline?.forEach((el, i) => {
    transitionAudio(el.transition, ["timeline", i, "transition"]);
    transitionAudio(el.montage?.transition, ["timeline", i, "montage", "transition"]);
  });
  return refs;
}

async function checkAssets(sb: Storyboard, resolver: AssetResolver, errors: RawIssue[]) {
  const refs = assetRefs(sb);
  const files = refs.filter((r) => !r.id.startsWith("asset_"));
  const found = files.length ? await resolver.resolve([...new Set(files.map((r) => r.id.toLowerCase()))]) : new Map();
  for (const r of refs) {
    if (r.id.startsWith("asset_")) {
      if (!isSystemAssetId(r.id)) errors.push({ path: r.path, message: `Unknown system asset "${r.id}" (see GET /v1/system-assets).`, value: r.id });
      else if (r.media === "image") errors.push({ path: r.path, message: "System assets are sounds; use an uploaded image here.", value: r.id });
      continue;
    }
    const file = found.get(r.id.toLowerCase());
    if (!file) errors.push({ path: r.path, message: `Asset ${r.id} does not exist or you cannot use it.`, value: r.id });
    else if (file.status !== "ready") errors.push({ path: r.path, message: `Asset ${r.id} is ${file.status}, not ready.`, value: r.id });
    else if (!file.contentType.startsWith(`${r.media}/`)) {
      errors.push({ path: r.path, message: `Asset ${r.id} is ${file.contentType}; ${r.media === "audio" ? "a sound" : "an image"} is needed here.`, value: r.id });
    }
  }
}

function finish(raw: RawIssue[], source?: ParsedSource): StoryboardIssue[] {
  return raw.map((r) => {
    const pos = source?.locate(r.path);
    const out: StoryboardIssue = { path: formatStoryboardPath(r.path), message: r.message };
    if (r.value !== undefined) out.value = r.value;
    if (r.valid_values) out.valid_values = r.valid_values;
    if (r.limit !== undefined) out.limit = r.limit;
    if (pos) Object.assign(out, { line: pos.line, column: pos.column });
    return out;
  });
}

/**
 * The cross-reference errors of the structurally sound parts of an invalid storyboard (warnings
 * wait until the structure is fixed). The total-duration check needs every scene, so it waits too.
 */
async function referenceIssues(rest: Salvage, assets: AssetResolver): Promise<RawIssue[]> {
  const errors: RawIssue[] = [];
  const ignored: RawIssue[] = [];
  checkScenes(rest.sb, errors, ignored);
  checkSymbols(rest.sb, errors, ignored, rest.known);
  checkReferences(rest.sb, errors, ignored, rest.known);
  await checkAssets(rest.sb, assets, errors);
  return errors.map((e) => mapBack(e, rest));
}

/**
 * Validates a parsed storyboard (spec part 3 §2): every error and warning at once, each with a
 * path, and with line/column when the parsed source can locate it.
 */
export async function validateStoryboard(
  value: unknown,
  opts: { source?: ParsedSource; assets?: AssetResolver } = {},
): Promise<ValidationResult> {
  const errors: RawIssue[] = [];
  const warnings: RawIssue[] = [];
  countLimits(value, errors);
  const parsed = storyboardSchema.safeParse(value);
  if (!parsed.success) {
    errors.push(...zodIssues(parsed.error, value));
    const rest = salvage(value, parsed.error);
    if (rest) errors.push(...(await referenceIssues(rest, opts.assets ?? noAssetFiles)));
    return { valid: false, errors: finish(errors, opts.source), warnings: [] };
  }
  const sb = parsed.data;
  const known = noKnownNames();
  checkScenes(sb, errors, warnings);
  checkSymbols(sb, errors, warnings, known);
  checkReferences(sb, errors, warnings, known);
  const plan = buildPlan(sb);
  checkPlan(sb, plan, errors, warnings);
  await checkAssets(sb, opts.assets ?? noAssetFiles, errors);
  const valid = errors.length === 0;
  return {
    valid,
    errors: finish(errors, opts.source),
    warnings: finish(warnings, opts.source),
    ...(valid ? { storyboard: sb, plan } : {}),
  };
}
