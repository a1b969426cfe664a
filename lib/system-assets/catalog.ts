/**
 * The system asset catalog (spec part 3 §5) as data: 42 licence-free sounds synthesized at seed
 * time. Pure — no database, no S3 — so the storyboard validator and the browser bundle can import it.
 */

export const SYSTEM_ASSET_CATEGORIES = ["sfx", "ambient", "music", "transition"] as const;
export type SystemAssetCategory = (typeof SYSTEM_ASSET_CATEGORIES)[number];

/** Every file is Ogg/Opus, 48 kHz stereo (see lib/system-assets/synth.ts for why). */
export const SYSTEM_ASSET_FORMAT = { extension: "ogg", contentType: "audio/ogg" } as const;

export interface SystemAssetEntry {
  /** `asset_<category>_<name>` */
  id: string;
  category: SystemAssetCategory;
  name: string;
  /** The exact length of the file, in seconds. */
  seconds: number;
  tags: readonly string[];
  /** What the sound is meant to be (≤ 500 characters). */
  description: string;
}

const entry = (category: SystemAssetCategory, name: string, seconds: number, tags: string, description: string): SystemAssetEntry => ({
  id: `asset_${category}_${name}`,
  category,
  name,
  seconds,
  tags: tags.split(","),
  description,
});

export const SYSTEM_ASSETS: readonly SystemAssetEntry[] = [
  // sfx
  entry("sfx", "whoosh", 0.5, "movement,air,fast,transition", "A quick airy whoosh, as of something swinging fast past the camera: noise swept up through a band-pass filter and back, panning from left to right."),
  entry("sfx", "whoosh_heavy", 0.8, "movement,air,powerful,impact", "A slower, darker whoosh of a heavy object moving through air, with a sub-bass swell, landing in a low thud at the end."),
  entry("sfx", "impact", 0.3, "collision,hit,punch,effect", "A short punchy hit: a low thump that drops in pitch, with a burst of noise on the attack, like a punch or a heavy object landing."),
  entry("sfx", "impact_metal", 0.4, "metal,collision,clang,industrial", "A metallic clang: a sharp strike on a steel plate with bright inharmonic partials ringing out and decaying quickly."),
  entry("sfx", "click", 0.2, "ui,interactive,button,light", "A crisp interface click: a very short tick as a button goes down, followed by a softer tick as it comes back up."),
  entry("sfx", "pop", 0.25, "pop,burst,playful,light", "A playful bubble pop: a tiny tone that springs upward in pitch and dies away at once, with a small burst on the attack."),
  entry("sfx", "applause", 3.2, "crowd,celebration,approval,audience", "Warm applause from an audience: dozens of hands clapping out of step, swelling in and dying down over three seconds."),
  entry("sfx", "applause_short", 1.1, "crowd,celebration,approval,quick", "A short burst of applause from a small crowd that fades out after a second."),
  entry("sfx", "footsteps", 1.8, "human,movement,walking,ambient", "Four unhurried footsteps on a hard floor: heel and toe, alternating left and right, at walking pace."),
  entry("sfx", "footsteps_running", 1.2, "human,movement,running,fast", "Quick running steps on a gritty surface: heavier, sharper footfalls about three per second."),
  entry("sfx", "confetti", 0.6, "celebration,festive,playful,effect", "A party popper going off: a bright pop followed by confetti rustling down with little glittering sparkles."),
  entry("sfx", "door_open", 0.7, "interaction,environment,creak,object", "A door being opened: the latch clicks, then the old hinge creaks as the door swings."),
  entry("sfx", "door_close", 0.6, "interaction,environment,slam,object", "A door slammed shut: a rush of air, a heavy wooden thud with the latch catching, and a short room echo."),
  entry("sfx", "typing", 1.4, "human,interaction,office,activity", "Someone typing on a keyboard: fast, irregular key clicks with the odd heavier space bar."),
  entry("sfx", "notification", 0.3, "ui,alert,attention,digital", "A friendly two-tone digital chime, rising a fifth, for a message or alert."),
  // ambient
  entry("ambient", "crowd", 5.0, "crowd,people,background,calm", "The calm murmur of a crowd: many voices talking at once at a relaxed pace, no words distinguishable."),
  entry("ambient", "crowd_excited", 4.8, "crowd,people,background,energetic", "An excited crowd: fast busy chatter with cheers, a whistle and bursts of clapping."),
  entry("ambient", "nature", 6.0, "nature,outdoor,birds,forest", "A forest in the morning: soft wind in the trees and songbirds calling — a descending whistle, a quick trill and a two-note call."),
  entry("ambient", "nature_rain", 5.5, "nature,outdoor,water,weather", "Steady rain: a soft wash of falling water with drops pattering and plinking close by."),
  entry("ambient", "city", 5.2, "city,outdoor,urban,busy", "A busy street: traffic rumble, cars passing from side to side, a distant horn and people nearby."),
  entry("ambient", "city_night", 5.0, "city,outdoor,urban,night", "A city at night: a low distant hum, one car passing far away, a faint siren and a cricket."),
  entry("ambient", "office", 5.8, "office,indoor,workplace,ambient", "An open-plan office: air conditioning, keyboards clattering across the room, quiet voices and a phone ringing in the distance."),
  entry("ambient", "theater", 4.5, "indoor,entertainment,venue,ambient", "A theater hall before the show: an audience murmuring in a large reverberant room, a cough, a seat creaking."),
  entry("ambient", "factory", 6.2, "industrial,machinery,factory,ambient", "A factory floor: a humming motor, a press stamping at a steady beat with a metal clank, a rattling conveyor and a hiss of steam."),
  entry("ambient", "cafe", 5.3, "indoor,social,cafe,ambient", "A busy café: close chatter, spoons clinking on cups and the espresso machine steaming milk."),
  entry("ambient", "ocean", 5.7, "nature,water,outdoor,weather", "The seashore: a wave rolls in and breaks, foam fizzes and the water washes back as the next swell builds."),
  // music
  entry("music", "tense", 15.0, "mood,tension,dramatic,orchestral", "A tense orchestral bed in D minor: a low string drone, dark dissonant chords, a heartbeat pulse and a high trembling note that creeps in."),
  entry("music", "tense_minimal", 12.5, "mood,tension,minimal,subtle", "Minimal suspense: a low beating drone, a soft clock tick and sparse echoing bell notes that never resolve."),
  entry("music", "triumphant", 18.0, "mood,victory,uplifting,orchestral", "A triumphant fanfare in C major: brass melody over strings, bass and timpani through I–IV–V–I, ending on a held major chord."),
  entry("music", "peaceful", 20.0, "mood,peaceful,calming,instrumental", "A peaceful ambient bed in D major: slow warm pads through four major-seventh chords with a gentle bell arpeggio and soft echoes."),
  entry("music", "energetic", 14.0, "mood,energetic,driving,upbeat", "An energetic 128 BPM track: four-on-the-floor kick, off-beat hats, claps, a driving eighth-note bass and a plucked arpeggio over Am–F–C–G."),
  entry("music", "anticipation", 13.5, "mood,anticipation,building,dramatic", "A building cue: a repeated pulse that doubles in speed, swelling strings and a rising sweep, stopping at the peak."),
  entry("music", "corporate", 19.0, "mood,corporate,professional,neutral", "A light, professional background track at 120 BPM: plucked arpeggios, soft pads, bass and a gentle beat over C–G–Am–F."),
  entry("music", "emotional", 16.5, "mood,emotional,poignant,orchestral", "A poignant slow piece: a piano melody and broken chords over swelling strings, Am–F–C–G, settling on A minor."),
  entry("music", "playful", 12.0, "mood,playful,whimsical,upbeat", "A playful, bouncy tune: marimba melody with skips and rests, an oom-pah bass and glockenspiel accents in C major."),
  entry("music", "dramatic", 17.0, "mood,dramatic,intense,orchestral", "An intense orchestral cue in D minor: driving low-string ostinato, brass stabs and timpani hits growing louder bar by bar."),
  // transition
  entry("transition", "swoosh", 0.6, "transition,movement,clean,effect", "A clean, bright swoosh for a wipe or slide: a narrow noise sweep high up and back, panning across the stereo field."),
  entry("transition", "fade", 1.0, "transition,fade,smooth,effect", "A soft, smooth swell for a cross-fade: a gentle major chord with airy noise that rises and falls away."),
  entry("transition", "glitch", 0.4, "transition,digital,glitch,modern", "A digital glitch: stuttering fragments of buzzy tones and crushed noise, cut up and repeated."),
  entry("transition", "boom", 0.8, "transition,impact,deep,powerful", "A deep cinematic boom: a saturated sub-bass hit that drops in pitch, with a rumbling tail."),
  entry("transition", "reverse", 0.7, "transition,reverse,effect,unusual", "A reverse swell: a cymbal and bell played backwards, rising out of nothing into a sudden stop."),
  entry("transition", "rise", 1.2, "transition,rise,building,effect", "A riser: a tone and a band of noise sweeping upward with a tremolo that speeds up, building to the cut."),
];

const byId = new Map(SYSTEM_ASSETS.map((a) => [a.id, a]));

/** Every system asset id, in catalog order. */
export const SYSTEM_ASSET_IDS: readonly string[] = SYSTEM_ASSETS.map((a) => a.id);

export function isSystemAssetId(id: string): boolean {
  return byId.has(id);
}

export function systemAssetById(id: string): SystemAssetEntry | undefined {
  return byId.get(id);
}

/** `framecast:system:<category>:<name>`: how discovery output names a system asset. */
export function systemAssetUrn(a: { category: string; name: string }): string {
  return `framecast:system:${a.category}:${a.name}`;
}

/** The catalog entry a `framecast:system:<category>:<name>` URN names, if any. */
export function systemAssetByUrn(urn: string): SystemAssetEntry | undefined {
  const m = /^framecast:system:([a-z]+):([a-z0-9_]+)$/.exec(urn);
  return m ? byId.get(`asset_${m[1]}_${m[2]}`) : undefined;
}

/** Where the file lives in the system bucket: `system/<category>/<name>.ogg`. */
export function systemAssetKey(a: { category: string; name: string }): string {
  return `system/${a.category}/${a.name}.${SYSTEM_ASSET_FORMAT.extension}`;
}
