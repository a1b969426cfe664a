/** The storyboard shown on the landing page (per spec part 3: 10 s long, 110 credits at 720p). */
export const SAMPLE_STORYBOARD = `title: Lighthouse at dawn
global_prompt:
  positive: cinematic, 35mm film, soft golden light
  negative: text, watermark
symbols:
  keeper:
    prompt: an old lighthouse keeper in a yellow raincoat
scenes:
  - id: storm
    prompt: "@keeper climbs the spiral stairs as waves crash"
    duration: 5
    audio:
      ambient: { asset_id: asset_ambient_ocean, volume: 0.6 }
  - id: dawn
    prompt: "@keeper watches the sun rise over a calm sea"
    duration: 6
    audio:
      music: { asset_id: asset_music_peaceful, fade_in: 1.5 }
transitions:
  storm->dawn: { type: dissolve, duration: 1 }
`;
