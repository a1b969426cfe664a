import { z } from "zod";

/**
 * The storyboard language (spec part 3 §1): the single zod schema from which come the TypeScript
 * types, the structural checks, the JSON Schema served to editors and the OpenAPI component.
 * Count limits on maps and cross-references are checked in validate.ts, which reports them with
 * paths and limits.
 */

export const LIMITS = {
  bytes: 100 * 1024,
  scenes: 50,
  symbols: 20,
  presets: 20,
  timeline: 100,
  totalSeconds: 300,
  sfx: 10,
  dialogue: 5,
  referenceImages: 8,
  effects: 10,
} as const;

export const TRANSITION_TYPES = ["cut", "fade", "dissolve", "wipe", "blur", "zoom", "flash", "glitch", "custom"] as const;
export const DEFAULT_TRANSITION_SECONDS = 0.5;

export const ASSET_ID =
  /^(asset_(sfx|ambient|music|transition)_[a-z0-9_]+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
export const SCENE_ID = /^[a-z0-9_-]{1,64}$/;
export const SYMBOL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `@name` in a prompt. */
export const SYMBOL_MENTION = /@([A-Za-z_][A-Za-z0-9_]*)/g;

export const assetIdSchema = z
  .string()
  .regex(ASSET_ID, { message: "Must be a system asset id (asset_<category>_<name>) or the UUID of one of your asset files." })
  .meta({
    description: "A system asset id (`asset_<category>_<name>`, see GET /v1/system-assets) or an uploaded asset file's UUID.",
    examples: ["asset_sfx_whoosh", "asset_music_peaceful"],
  });

const volume = z.number().min(0).max(1).meta({ description: "Loudness from 0 (silent) to 1 (full).", examples: [0.8] });
const seconds = (description: string) => z.number().min(0).meta({ description, examples: [0.5] });

export const audioRefSchema = z
  .object({
    asset_id: assetIdSchema,
    volume: volume.optional().meta({ description: "Loudness 0..1 (default 1).", examples: [0.6] }),
    fade_in: seconds("Seconds to fade in from silence.").optional(),
    fade_out: seconds("Seconds to fade out to silence at the end.").optional(),
    loop: z.boolean().optional().meta({ description: "Repeat the sound to fill the scene (or the video, for global audio)." }),
  })
  .strict()
  .meta({ description: "A sound to play, with its volume and fades." });

export const symbolSchema = z
  .object({
    prompt: z.string().min(1).max(1000).meta({
      description: "How this character, place or prop looks; added wherever a scene prompt says @name.",
      examples: ["an old lighthouse keeper with a grey beard and a yellow raincoat"],
    }),
    negative: z.string().max(1000).optional().meta({ description: "What this symbol must never look like." }),
    reference_images: z
      .array(
        z
          .object({
            asset_id: assetIdSchema,
            weight: z.number().min(0).max(1).optional().meta({ description: "How strongly to follow the image, 0..1 (default 1)." }),
          })
          .strict(),
      )
      .max(LIMITS.referenceImages)
      .optional()
      .meta({ description: "Uploaded images (image/*) that show the symbol." }),
    voice: z
      .object({ asset_id: assetIdSchema })
      .strict()
      .optional()
      .meta({ description: "A voice sample (audio/*); needed for the symbol to speak dialogue." }),
  })
  .strict()
  .meta({ description: "A recurring character, place or prop, referenced in prompts as @name." });

export const transitionSchema = z
  .object({
    type: z.enum(TRANSITION_TYPES).meta({ description: "How one clip turns into the next.", examples: ["dissolve"] }),
    duration: z.number().min(0).max(5).optional().meta({
      description: "Seconds the two clips overlap (default 0.5; a cut is 0).",
      examples: [1],
    }),
    params: z.record(z.string(), z.unknown()).optional().meta({ description: "Extra parameters for the effect (free-form)." }),
    effects: z
      .array(
        z
          .object({
            name: z.string().min(1).max(64),
            from: z.union([z.number(), z.string()]).optional(),
            to: z.union([z.number(), z.string()]).optional(),
            easing: z.string().max(32).optional(),
          })
          .strict(),
      )
      .max(LIMITS.effects)
      .optional()
      .meta({ description: "Effects animated during the transition." }),
    audio: z
      .object({ asset_id: assetIdSchema.optional(), volume: volume.optional() })
      .strict()
      .optional()
      .meta({ description: "A sound played over the transition.", examples: [{ asset_id: "asset_transition_swoosh" }] }),
  })
  .strict()
  .meta({ description: "A transition between two clips." });

export const transitionRefSchema = z
  .union([
    z.string().min(1).max(64).meta({ description: "A preset from transition_presets, or a built-in type (cut, fade, dissolve, wipe, blur, zoom, flash, glitch)." }),
    transitionSchema,
  ])
  .meta({ description: "A transition: a preset name, a built-in type name, or a full transition.", examples: ["dissolve"] });

const sceneIdRef = z.string().meta({ description: "The id of a scene.", examples: ["intro"] });

export const sceneAudioSchema = z
  .object({
    ambient: audioRefSchema.optional().meta({ description: "Background atmosphere for this scene." }),
    music: audioRefSchema.optional().meta({ description: "Music for this scene." }),
    sfx: z
      .array(
        z
          .object({
            asset_id: assetIdSchema,
            trigger: z.string().max(200).optional().meta({ description: "What happens on screen when the sound plays (for people reading)." }),
            start: seconds("Seconds from the start of the scene.").optional(),
            volume: volume.optional(),
          })
          .strict(),
      )
      .max(LIMITS.sfx)
      .optional()
      .meta({ description: `Sound effects (at most ${LIMITS.sfx}).` }),
    dialogue: z
      .array(
        z
          .object({
            speaker: z.string().optional().meta({ description: "The symbol that speaks; it needs a voice." }),
            text: z.string().min(1).max(500).meta({ description: "What is said." }),
            start: seconds("Seconds from the start of the scene.").optional(),
            volume: volume.optional(),
          })
          .strict(),
      )
      .max(LIMITS.dialogue)
      .optional()
      .meta({ description: `Spoken lines (at most ${LIMITS.dialogue}).` }),
  })
  .strict()
  .meta({ description: "Sound for one scene." });

export const sceneSchema = z
  .object({
    id: z
      .string()
      .regex(SCENE_ID, { message: "Scene ids use lowercase letters, digits, _ and - (1 to 64 characters)." })
      .meta({ description: "Unique id, used by the timeline and transitions.", examples: ["intro"] }),
    prompt: z.string().min(1).max(2000).meta({
      description: "What the scene shows. Mention symbols as @name.",
      examples: ["@keeper climbs the spiral stairs as waves crash below"],
    }),
    duration: z.number().min(1).max(30).meta({ description: "Length in seconds (1 to 30).", examples: [5] }),
    order: z.number().int().optional().meta({ description: "Play order when there is no timeline (lower first)." }),
    audio: sceneAudioSchema.optional(),
  })
  .strict()
  .meta({ description: "One shot of the video." });

export const treatmentSchema = z
  .object({
    desaturate: z.number().min(0).max(1).optional().meta({ description: "0 = full colour, 1 = black and white." }),
    vignette: z.boolean().optional().meta({ description: "Darken the corners." }),
    grain: z.number().min(0).max(1).optional().meta({ description: "Film grain strength." }),
    blur: z.number().min(0).max(1).optional().meta({ description: "Soft-focus strength." }),
  })
  .strict()
  .meta({ description: "The look of a flashback." });

export const timelineElementSchema = z
  .object({
    scene: sceneIdRef.optional().meta({ description: "Play this scene." }),
    transition: transitionRefSchema.optional().meta({ description: "Use this transition at this junction." }),
    flashback: z
      .object({ scenes: z.array(sceneIdRef).min(1).max(LIMITS.scenes), treatment: treatmentSchema.optional() })
      .strict()
      .optional()
      .meta({ description: "Play these scenes at full length with a flashback look." }),
    montage: z
      .object({
        scenes: z.array(sceneIdRef).min(1).max(LIMITS.scenes),
        pace: z.enum(["slow", "medium", "fast"]).optional().meta({ description: "slow 1×, medium 0.75×, fast 0.5× each scene's duration (default medium)." }),
        transition: transitionRefSchema.optional().meta({ description: "Joins the montage's scenes (default cut)." }),
      })
      .strict()
      .optional()
      .meta({ description: "Play these scenes quickly one after another." }),
  })
  .strict()
  .superRefine((el, ctx) => {
    const keys = Object.keys(el).filter((k) => el[k as keyof typeof el] !== undefined);
    if (keys.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message: "Each timeline element has exactly one of: scene, transition, flashback, montage.",
      });
    }
  })
  .meta({ description: "One of {scene}, {transition}, {flashback}, {montage}.", examples: [{ scene: "intro" }] });

export const storyboardSchema = z
  .object({
    title: z.string().min(1).max(200).meta({ description: "The video's title.", examples: ["Lighthouse at dawn"] }),
    global_prompt: z
      .object({
        positive: z.string().max(2000).optional().meta({ description: "Added to every scene's prompt.", examples: ["cinematic, 35mm film"] }),
        negative: z.string().max(2000).optional().meta({ description: "What no scene should show.", examples: ["text, watermark"] }),
      })
      .strict()
      .optional()
      .meta({ description: "Style shared by every scene." }),
    global_audio: z
      .object({ music: audioRefSchema.optional(), ambient: audioRefSchema.optional() })
      .strict()
      .optional()
      .meta({ description: "Music and ambience under the whole video." }),
    symbols: z
      .record(z.string().regex(SYMBOL_NAME, { message: "Symbol names start with a letter or _ and use letters, digits and _." }), symbolSchema)
      .optional()
      .meta({ description: `Recurring characters, places and props (at most ${LIMITS.symbols}), used in prompts as @name.` }),
    transition_presets: z
      .record(z.string().regex(SYMBOL_NAME, { message: "Preset names start with a letter or _ and use letters, digits and _." }), transitionSchema)
      .optional()
      .meta({ description: `Named transitions (at most ${LIMITS.presets}) to reuse by name.` }),
    scenes: z
      .array(sceneSchema)
      .min(1)
      .max(LIMITS.scenes)
      .meta({ description: `The scenes (1 to ${LIMITS.scenes}).` }),
    transitions: z
      .record(z.string(), transitionRefSchema)
      .optional()
      .meta({
        description: 'Transitions by junction: "default", or "<sceneA>-><sceneB>" for one pair.',
        examples: [{ default: "fade", "intro->storm": { type: "dissolve", duration: 1 } }],
      }),
    timeline: z
      .array(timelineElementSchema)
      .max(LIMITS.timeline)
      .nullable()
      .optional()
      .meta({ description: `What plays, in order (at most ${LIMITS.timeline} elements); absent = the scenes in order.` }),
  })
  .strict()
  .meta({ title: "Framecast storyboard", description: "A storyboard: scenes, symbols, transitions and audio, rendered into a video." });

export type Storyboard = z.infer<typeof storyboardSchema>;
export type Scene = z.infer<typeof sceneSchema>;
export type Transition = z.infer<typeof transitionSchema>;
export type TransitionRef = z.infer<typeof transitionRefSchema>;
export type TimelineElement = z.infer<typeof timelineElementSchema>;
export type AudioRef = z.infer<typeof audioRefSchema>;

export const renderOptionsSchema = z
  .object({
    resolution: z.enum(["720p", "1080p"]).optional().meta({ description: "Output resolution (default 720p; 1080p costs twice as much)." }),
    fps: z.union([z.literal(24), z.literal(25), z.literal(30)]).optional().meta({ description: "Frames per second (default 24)." }),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional().meta({ description: "Random seed for repeatable generations." }),
    preview: z.boolean().optional().meta({ description: "Render a free local animatic instead of GPU video." }),
  })
  .strict();
export type RenderOptions = z.infer<typeof renderOptionsSchema>;

let jsonSchemaCache: object | undefined;

/** The JSON Schema (draft 2020-12) of a storyboard, for editors (completion, hover docs). */
export function storyboardJsonSchema(): object {
  jsonSchemaCache ??= {
    $id: "https://framecast.dev/v1/spec/schema.json",
    ...z.toJSONSchema(storyboardSchema, { target: "draft-2020-12", unrepresentable: "any", io: "input" }),
  };
  return jsonSchemaCache;
}
