import { parse } from "yaml";
import type { Storyboard } from "./schema";

/**
 * WELCOME_SPEC (spec part 3 §4): the storyboard every new creator's first project starts with.
 * It shows off the language — a global prompt, two symbols, sound effects with start times and
 * volumes, per-scene music with a fade-in, a global ambient track, and a fade with a transition
 * sound — and validates with no errors and no warnings.
 */
export const WELCOME_SPEC_YAML = `# Welcome to Framecast! Edit this storyboard and press Render.
title: Lighthouse at dawn

global_prompt:
  positive: cinematic, 35mm film, soft golden light, gentle camera movement
  negative: text, watermark, blurry, distorted faces

global_audio:
  ambient: { asset_id: asset_ambient_ocean, volume: 0.35, loop: true }

symbols:
  keeper:
    prompt: an old lighthouse keeper with a grey beard and a yellow raincoat
  lighthouse:
    prompt: a white stone lighthouse with a red lantern room on a rocky cliff
    negative: modern buildings

scenes:
  - id: storm
    prompt: "@keeper climbs the spiral stairs of @lighthouse as waves crash against the rocks at night"
    duration: 5
    audio:
      music: { asset_id: asset_music_tense_minimal, volume: 0.5, fade_in: 1 }
      sfx:
        - { asset_id: asset_sfx_footsteps, start: 0.5, volume: 0.8, trigger: boots on the iron stairs }
        - { asset_id: asset_sfx_door_open, start: 3.5, volume: 0.7, trigger: the lantern room door }

  - id: dawn
    prompt: "@keeper watches the sun rise over a calm sea from the balcony of @lighthouse"
    duration: 5
    audio:
      music: { asset_id: asset_music_peaceful, volume: 0.6, fade_in: 1.5, fade_out: 1 }
      sfx:
        - { asset_id: asset_sfx_pop, start: 2, volume: 0.4, trigger: the lantern switches off }

transitions:
  storm->dawn:
    type: fade
    duration: 1
    audio: { asset_id: asset_transition_swoosh, volume: 0.6 }
`;

export const WELCOME_SPEC: Storyboard = parse(WELCOME_SPEC_YAML) as Storyboard;
