/**
 * Storyboards are stored as JSONB, which forgets the author's key order. For display, keys are put
 * back in the order people write them (the schema's order); unknown keys follow alphabetically.
 */
const ORDER = [
  "version", "title", "description", "id", "type", "asset_id", "prompt", "positive", "negative", "duration",
  "order", "start", "trigger", "speaker", "text", "volume", "fade_in", "fade_out", "loop", "weight",
  "global_prompt", "global_audio", "settings", "symbols", "reference_images", "voice", "scenes", "audio",
  "ambient", "music", "sfx", "dialogue", "transition_presets", "transitions", "timeline", "scene",
  "transition", "flashback", "montage", "pace", "treatment", "params", "effects",
];
const RANK = new Map(ORDER.map((k, i) => [k, i]));

export function orderStoryboardKeys(value: unknown, parentKey = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => orderStoryboardKeys(v, parentKey));
  if (!value || typeof value !== "object") return value;
  // Maps keyed by the author's names (symbols, presets, transitions) keep alphabetical order.
  const named = parentKey === "symbols" || parentKey === "transition_presets" || parentKey === "transitions";
  const rank = (k: string) => (named ? Number.MAX_SAFE_INTEGER : (RANK.get(k) ?? Number.MAX_SAFE_INTEGER));
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  return Object.fromEntries(entries.map(([k, v]) => [k, orderStoryboardKeys(v, k)]));
}
