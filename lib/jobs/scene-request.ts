import { createHash } from "node:crypto";
import { planSegments, type Segment } from "@/lib/render/segments";
import type { BackendName } from "@/lib/render/types";
import { SYMBOL_MENTION, type RenderOptions, type Storyboard } from "@/lib/storyboard/schema";

/** Output size by resolution option. */
export const DIMENSIONS = { "720p": { width: 1280, height: 720 }, "1080p": { width: 1920, height: 1080 } } as const;


/** Symbols named in a prompt, in order of first mention (unknown names are left out). */
export function symbolsIn(sb: Storyboard, prompt: string): string[] {
  const names = new Set<string>();
  for (const m of prompt.matchAll(SYMBOL_MENTION)) if (sb.symbols && Object.hasOwn(sb.symbols, m[1]!)) names.add(m[1]!);
  return [...names];
}

/** Spec part 4 §3: global positive + scene prompt with each `@symbol` replaced by its prompt. */
export function composePrompt(sb: Storyboard, sceneId: string): { prompt: string; negative: string; referenceAssetId?: string } {
  const scene = sb.scenes.find((s) => s.id === sceneId);
  if (!scene) throw new Error(`unknown scene ${sceneId}`);
  const used = symbolsIn(sb, scene.prompt);
  const body = scene.prompt.replace(SYMBOL_MENTION, (whole, name: string) =>
    sb.symbols && Object.hasOwn(sb.symbols, name) ? sb.symbols[name]!.prompt : whole,
  );
  const positive = [sb.global_prompt?.positive, body].filter(Boolean).join(", ");
  const negatives = [sb.global_prompt?.negative, ...used.map((n) => sb.symbols![n]!.negative)].filter(Boolean);
  const reference = used.map((n) => sb.symbols![n]!.reference_images?.[0]?.asset_id).find(Boolean);
  return { prompt: positive, negative: negatives.join(", "), ...(reference ? { referenceAssetId: reference } : {}) };
}

/** The options' seed, else one derived from job and scene (stable across retries). */
export function sceneSeed(options: RenderOptions, jobId: string, sceneId: string): number {
  if (options.seed !== undefined) return options.seed;
  return createHash("sha256").update(`${jobId}:${sceneId}`).digest().readUInt32BE(0) & 0x7fffffff;
}

/** Distinct scenes in play order: each is generated once, however often it plays. */
export function scenesToRender(clips: { sceneId: string }[]): string[] {
  return [...new Set(clips.map((c) => c.sceneId))];
}

/**
 * The segments a scene is generated in: on the GPU backend a chain of ≤121-frame segments
 * (lib/render/segments.ts); the local animatic renders the whole scene in one request (no segment).
 */
export function sceneSegments(backend: BackendName, sb: Storyboard, sceneId: string): (Segment | undefined)[] {
  const scene = sb.scenes.find((s) => s.id === sceneId);
  if (!scene) throw new Error(`unknown scene ${sceneId}`);
  return backend === "runpod" ? planSegments(scene.duration) : [undefined];
}
