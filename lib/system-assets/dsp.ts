/**
 * Building blocks for the synthesis recipes: ffmpeg expression snippets (for `aevalsrc`) and the
 * filtergraph builder. Pure string functions — nothing here runs ffmpeg.
 *
 * A recipe is a list of layers. Each layer is one `aevalsrc` source (mono, or a [left, right] pair)
 * with its own filters, gain, pan and start time; the layers are summed (`amix`, no normalisation),
 * cut or padded to the exact sample count, then the recipe's `post` filters and edge fades apply.
 * Expression variables: random(0)/random(9) hold noise state, 1–3 and 6–8 the state-variable
 * filters, 4 is for oscillator phases, 5 for the vibrato in `partials`.
 *
 * Levels inside the graph are arbitrary (the result is peak-normalised afterwards), except that
 * ffmpeg's `aecho` clips float samples to ±1: use `echo()`, which works at a safe level.
 */

export const SAMPLE_RATE = 48_000;

/** A number as an expression literal (negatives parenthesised, 6 decimals at most). */
export function num(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  const r = Math.round(x * 1e6) / 1e6;
  const s = String(Object.is(r, -0) ? 0 : r);
  return r < 0 ? `(${s})` : s;
}

const TAU = 2 * Math.PI;
/** Wraps a time expression so it can be multiplied safely. */
const p = (T: string) => (/^[a-z]+$/.test(T) ? T : `(${T})`);

// ---------- oscillators (T = the time expression, `t` by default) ----------

export const sine = (freq: number, T = "t", phase = 0) => `sin(${num(TAU * freq)}*${p(T)}${phase ? `+${num(phase)}` : ""})`;

/** A triangle wave (odd harmonics, soft). */
export const tri = (freq: number, T = "t") => `(0.63662*asin(sin(${num(TAU * freq)}*${p(T)})))`;

/** A square wave (sign of a sine; buzzy). */
export const square = (freq: number, T = "t") => `(2*gte(sin(${num(TAU * freq)}*${p(T)}),0)-1)`;

/**
 * A sum of harmonics k·freq with amplitudes `amps[k-1]`, each decaying at `decays[k-1]` per second
 * when given; `ratios` replaces the integer multiples (inharmonic partials: bells, bars, plates).
 */
export function partials(freq: number, amps: readonly number[], opts: { T?: string; decays?: readonly number[]; ratios?: readonly number[]; vibrato?: string } = {}): string {
  const T = p(opts.T ?? "t");
  const terms = amps.map((a, i) => {
    const ratio = opts.ratios?.[i] ?? i + 1;
    const vib = opts.vibrato ? `+${num(ratio)}*ld(5)` : "";
    const d = opts.decays?.[i];
    return `${num(a)}*sin(${num(TAU * freq * ratio)}*${T}${vib})${d ? `*exp(${num(-d)}*${T})` : ""}`;
  });
  // The vibrato phase is computed once per sample (variable 5), not once per partial.
  return opts.vibrato ? `(st(5,${opts.vibrato});${terms.join("+")})` : `(${terms.join("+")})`;
}

/** Phase of a sine whose pitch falls from f0 towards f1 with time constant tau (kicks, thumps, booms). */
export const dropPhase = (f0: number, f1: number, tau: number, T = "t") =>
  `(${num(TAU * f1)}*${p(T)}+${num(TAU * (f0 - f1) * tau)}*(1-exp(-${p(T)}/${num(tau)})))`;

/** Phase of a sine sweeping exponentially from f0 to f1 over `dur` seconds. */
export function expSweepPhase(f0: number, f1: number, dur: number, T = "t"): string {
  if (f0 === f1) return `(${num(TAU * f0)}*${p(T)})`;
  const r = f1 / f0;
  return `(${num((TAU * f0 * dur) / Math.log(r))}*(pow(${num(r)},${p(T)}/${num(dur)})-1))`;
}

/** Phase of a sine sweeping linearly from f0 to f1 over `dur` seconds (chirps). */
export const linSweepPhase = (f0: number, f1: number, dur: number, T = "t") =>
  `(${num(TAU * f0)}*${p(T)}+${num((TAU * (f1 - f0)) / (2 * dur))}*${p(T)}*${p(T)})`;

/** Vibrato as a phase offset: `depth` (fraction of the pitch) at `rate` Hz, for a tone of `freq`. */
export const vibrato = (freq: number, depth: number, rate: number, T = "t") =>
  `${num((freq * depth) / rate)}*sin(${num(TAU * rate)}*${p(T)})`;

// ---------- noise ----------

/** White noise in [-1, 1] from the generator state in variable `slot` (0 or 9). */
export const noise = (slot = 0) => `(2*random(${slot})-1)`;

/** Starts the noise generator in `slot` from `seed` on the first sample, then evaluates `expr`. */
export const seeded = (seed: number, expr: string, slot = 0) => `(if(eq(n,0),st(${slot},${Math.round(seed)}));${expr})`;

/**
 * A Chamberlin state-variable filter whose cutoff may change every sample (sweeps). `damp` 0.3
 * (sharp) … 1.4 (gentle). Stage 0 keeps its state in variables 1–3, stage 1 in 6–8, so two can be
 * cascaded in one expression for a steeper slope (`svf2`).
 */
export function svf(input: string, fc: string, damp: number, mode: "low" | "band" | "high" = "band", stage: 0 | 1 = 0): string {
  const [lo, bd, x] = stage === 0 ? [1, 2, 3] : [6, 7, 8];
  const fmax = Math.min(1, (2 - damp) * 0.8);
  const F = `min(${num(fmax)},2*sin(PI*(${fc})/${SAMPLE_RATE}))`;
  const out = mode === "low" ? `ld(${lo})` : mode === "band" ? `ld(${bd})` : `(ld(${x})-ld(${lo})-${num(damp)}*ld(${bd}))`;
  return `(st(${x},${input});st(${lo},ld(${lo})+${F}*ld(${bd}));st(${bd},ld(${bd})+${F}*(ld(${x})-ld(${lo})-${num(damp)}*ld(${bd})));${out})`;
}

/** Two cascaded state-variable filters: twice the slope (white noise keeps far less hiss). */
export const svf2 = (input: string, fc: string, damp: number, mode: "low" | "band" | "high" = "band") =>
  svf(svf(input, fc, damp, mode, 0), fc, damp, mode, 1);

// ---------- envelopes ----------

/** Linear attack over `a` seconds. */
export const att = (a: number, T = "t") => `min(1,${p(T)}/${num(a)})`;
/** Linear release ending at `end` over the last `r` seconds. */
export const rel = (end: number, r: number, T = "t") => `max(0,min(1,(${num(end)}-${p(T)})/${num(r)}))`;
export const dec = (k: number, T = "t") => `exp(${num(-k)}*${p(T)})`;
/** sin² bump over [0, 1] of `u`. */
export const bump = (u: string) => `pow(sin(PI*clip(${u},0,1)),2)`;
/** An event at t0: a fast attack, then exponential decay at rate k (0 before t0). */
export const hit = (t0: number, k: number, T = "t", a = 0.0005) =>
  `if(gte(${p(T)},${num(t0)}),min(1,(${p(T)}-${num(t0)})/${num(a)})*exp(${num(-k)}*(${p(T)}-${num(t0)})),0)`;
/** Time since the last of a periodic train of events (from `start`, every `period`). */
export const since = (period: number, start = 0, T = "t") => `mod(${p(T)}-${num(start)},${num(period)})`;

/** Sums expressions. */
export const sum = (xs: readonly string[]) => (xs.length ? `(${xs.join("+")})` : "0");

/** `aecho` without its clipping at ±1: the signal passes through it 36 dB down. */
export const echo = (spec: string) => `volume=0.015625,aecho=${spec},volume=64`;

// ---------- deterministic randomness for event lists ----------

/** mulberry32: the same sequence for the same seed, so every synthesis is reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const between = (rand: () => number, lo: number, hi: number) => lo + (hi - lo) * rand();

export const midiHz = (m: number) => 440 * 2 ** ((m - 69) / 12);

// ---------- the graph ----------

export interface Layer {
  /** Mono expression, or a [left, right] pair. `t` is the layer's own time (0 at `at`). */
  expr: string | readonly [string, string];
  /** How long the source runs, in seconds. */
  dur: number;
  /** Start time in the asset, in seconds (default 0). */
  at?: number;
  /** Linear gain (default 1). */
  gain?: number;
  /** −1 (left) … 1 (right), mono layers only (default 0). */
  pan?: number;
  /** ffmpeg audio filters applied to this layer before panning. */
  filters?: readonly string[];
}

export interface Recipe {
  layers: Layer[];
  /** Filters on the whole mix after it is cut to length (echoes, areverse, EQ). */
  post?: readonly string[];
  /** Fades at the very start and end, in seconds (defaults 0.002 and 0.01). */
  fadeIn?: number;
  fadeOut?: number;
}

function layerChain(layer: Layer, index: number): string {
  const stereo = typeof layer.expr !== "string";
  const exprs = stereo ? `${layer.expr[0]}|${layer.expr[1]}` : (layer.expr as string);
  if (exprs.includes("'")) throw new Error("expressions must not contain quotes");
  const parts = [`aevalsrc=exprs='${exprs}':c=${stereo ? "stereo" : "mono"}:s=${SAMPLE_RATE}:d=${num(layer.dur)}`];
  parts.push(...(layer.filters ?? []));
  const gain = layer.gain ?? 1;
  if (stereo) {
    if (gain !== 1) parts.push(`volume=${num(gain)}`);
  } else {
    const angle = (((layer.pan ?? 0) + 1) * Math.PI) / 4;
    parts.push(`pan=stereo|c0=${num(gain * Math.cos(angle))}*c0|c1=${num(gain * Math.sin(angle))}*c0`);
  }
  const delay = Math.round((layer.at ?? 0) * SAMPLE_RATE);
  if (delay > 0) parts.push(`adelay=delays=${delay}S:all=1`);
  return `${parts.join(",")}[l${index}]`;
}

/** The complete `-filter_complex` graph: its output `[out]` is exactly `seconds` long, stereo float. */
export function buildGraph(recipe: Recipe, seconds: number): string {
  if (recipe.layers.length === 0) throw new Error("a recipe needs at least one layer");
  const samples = Math.round(seconds * SAMPLE_RATE);
  const exact = [`apad=whole_len=${samples}`, `atrim=end_sample=${samples}`];
  const fadeIn = recipe.fadeIn ?? 0.002;
  const fadeOut = recipe.fadeOut ?? 0.01;
  const chains = recipe.layers.map(layerChain);
  const inputs = recipe.layers.map((_, i) => `[l${i}]`).join("");
  const tail = [
    `amix=inputs=${recipe.layers.length}:normalize=0:duration=longest`,
    "aformat=sample_fmts=flt:sample_rates=48000:channel_layouts=stereo",
    ...exact,
    ...(recipe.post ?? []),
    ...(recipe.post?.length ? exact : []),
    `afade=t=in:d=${num(fadeIn)}`,
    `afade=t=out:st=${num(seconds - fadeOut)}:d=${num(fadeOut)}`,
  ];
  return `${chains.join(";\n")};\n${inputs}${tail.join(",")}[out]\n`;
}
