/**
 * Recipes for the ten music beds: small scores (chords, bass lines, melodies, drum patterns) played
 * by additive-synthesis instruments. Every note is one layer of the graph (see dsp.ts).
 */
import {
  att,
  echo,
  dec,
  dropPhase,
  expSweepPhase,
  midiHz,
  noise,
  num,
  partials,
  rel,
  seeded,
  since,
  sine,
  sum,
  svf2,
  tri,
  vibrato,
  type Layer,
} from "./dsp";
import type { RecipeFn } from "./sounds";

// ---------- notes ----------

const PITCH: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

/** "C4" → 60, "Bb3" → 58, "F#5" → 78. */
export function m(name: string): number {
  const r = /^([A-G])([#b]?)(\d)$/.exec(name);
  if (!r) throw new Error(`bad note name ${name}`);
  return 12 * (Number(r[3]) + 1) + PITCH[r[1]!]! + (r[2] === "#" ? 1 : r[2] === "b" ? -1 : 0);
}
const chord = (names: string) => names.split(" ").map(m);

interface Note {
  at: number;
  dur: number;
  midi: number;
  gain?: number;
  pan?: number;
}

/** A melody: [note or null (rest), length in beats] from `start`. */
function line(start: number, beat: number, seq: ReadonlyArray<readonly [string | null, number]>, legato = 0.95): Note[] {
  const out: Note[] = [];
  let t = start;
  for (const [name, len] of seq) {
    if (name) out.push({ at: t, dur: len * beat * legato, midi: m(name) });
    t += len * beat;
  }
  return out;
}

// ---------- instruments ----------

type Inst = (f: number, dur: number) => { expr: string; filters?: string[] };

const pad =
  (a = 0.8, r = 1.2): Inst =>
  (f, d) => ({
    expr: `(${sine(f)}+0.6*${sine(f * 1.0045, "t", 1.3)}+0.3*${sine(2 * f)}+0.12*${sine(3 * f)})*${att(a)}*${rel(d, r)}`,
    filters: ["lowpass=f=2200"],
  });

const strings =
  (a = 0.25, r = 0.35): Inst =>
  (f, d) => ({
    expr: `${partials(f, [1, 0.5, 0.33, 0.25, 0.2, 0.16, 0.14], { vibrato: vibrato(f, 0.004, 5.5) })}*${att(a)}*${rel(d, r)}`,
    filters: [`lowpass=f=${Math.round(Math.min(3000, f * 8))}`],
  });

/** Bowed short notes for ostinatos. */
const spiccato: Inst = (f, d) => ({
  expr: `${partials(f, [1, 0.6, 0.45, 0.35, 0.25, 0.2])}*${att(0.006)}*${dec(9)}*${rel(d, 0.03)}`,
  filters: ["lowpass=f=1500"],
});

/** Upper harmonics speak a little later than the fundamental, as in a horn. */
const brass: Inst = (f, d) => {
  const terms = [1, 2, 3, 4, 5, 6, 7].map((k) => `${num(1 / k)}*min(1,t/${num(0.012 * k)})*${sine(f * k)}`);
  return { expr: `${sum(terms)}*${att(0.02)}*${rel(d, 0.08)}*(0.85+0.15*${dec(3)})`, filters: ["lowpass=f=3200"] };
};

const bass: Inst = (f, d) => ({ expr: `(0.8*${tri(f)}+0.5*${sine(f)})*${att(0.004)}*${rel(d, 0.06)}*${dec(1.2)}` });

const pluck =
  (k = 5): Inst =>
  (f, d) => ({ expr: `${partials(f, [1, 0.5, 0.25, 0.12], { decays: [0, 4, 8, 12] })}*${att(0.002)}*${dec(k)}*${rel(d, 0.03)}` });

const bell: Inst = (f, d) => ({
  expr: `${partials(f, [1, 0.4, 0.2, 0.1], { ratios: [1, 2, 2.76, 5.4], decays: [0, 2, 5, 9] })}*${att(0.002)}*${dec(2.5)}*${rel(d, 0.05)}`,
});

const piano: Inst = (f, d) => ({
  expr: `${partials(f, [1, 0.5, 0.28, 0.15, 0.08], { ratios: [1, 2.001, 3.003, 4.006, 5.01], decays: [0, 1.5, 2.5, 3.5, 5] })}*${att(0.003)}*${dec(1.1)}*${rel(d, 0.15)}`,
});

const marimba: Inst = (f, d) => ({
  expr: `(${sine(f)}+0.25*${sine(f * 3.93)}*${dec(25)}+0.1*${sine(f * 9.2)}*${dec(60)})*${att(0.001)}*${dec(7)}*${rel(d, 0.02)}`,
});

const glock: Inst = (f, d) => ({
  expr: `${partials(f, [1, 0.3, 0.15], { ratios: [1, 2.76, 5.4], decays: [0, 3, 8] })}*${att(0.001)}*${dec(3)}*${rel(d, 0.05)}`,
});

const timpani: Inst = (f, d) => ({
  expr: `(sin(${dropPhase(f * 1.06, f, 0.05)})+0.45*sin(${dropPhase(f * 1.59, f * 1.5, 0.05)})*${dec(2)}+0.3*${noise()}*${dec(40)})*${att(0.002)}*${dec(2.8)}*${rel(d, 0.05)}`,
  filters: ["lowpass=f=1800"],
});

function play(inst: Inst, notes: readonly Note[], gain: number, pan = 0): Layer[] {
  return notes.map((n) => {
    const voice = inst(midiHz(n.midi), n.dur);
    return { expr: voice.expr, filters: voice.filters, at: n.at, dur: n.dur, gain: gain * (n.gain ?? 1), pan: n.pan ?? pan };
  });
}

/** Every note of a chord, spread across the stereo field. */
function strum(at: number, dur: number, midis: readonly number[], spread = 0.6): Note[] {
  return midis.map((midi, i) => ({ at, dur, midi, pan: midis.length > 1 ? -spread + (2 * spread * i) / (midis.length - 1) : 0 }));
}

// ---------- drums: one layer per pattern, hits whose onset lies in [from, to] ----------

type Drum = (T: string) => string;
const kick: Drum = (T) => `sin(${dropPhase(150, 48, 0.03, T)})*exp(-8*${T})*min(1,${T}/0.001)`;
const hat: Drum = (T) => `${noise()}*exp(-50*${T})`;
const clap: Drum = (T) => `${noise()}*(exp(-30*${T})+0.5*if(gte(${T},0.012),exp(-40*(${T}-0.012)),0))`;
const DRUM_FILTERS = new Map<Drum, string[]>([
  [hat, ["highpass=f=7000"]],
  [clap, ["bandpass=f=1600:t=q:w=0.8"]],
]);

function drums(
  drum: Drum,
  o: { period: number; offset?: number; from?: number; to: number; gain: number; dur: number; seed?: number; filters?: string[] },
): Layer {
  const T = since(o.period, o.offset ?? 0);
  return {
    expr: seeded(o.seed ?? 7, `${drum(T)}*between(t-${T},${num((o.from ?? 0) - 0.001)},${num(o.to + 0.001)})`),
    dur: o.dur,
    gain: o.gain,
    filters: o.filters ?? DRUM_FILTERS.get(drum),
  };
}

const HALL = echo("0.8:0.7:90|160|250:0.25|0.18|0.12");

// ---------- the pieces ----------

const tense: RecipeFn = (D) => {
  const layers: Layer[] = [];
  for (const [name, gain] of [["D2", 0.35], ["A2", 0.25]] as const) {
    const f = midiHz(m(name));
    layers.push({
      expr: `${partials(f, [1, 0.6, 0.4, 0.3, 0.2], { vibrato: vibrato(f, 0.002, 4.5) })}*${att(2.5)}*(0.8+0.2*${sine(0.4)})`,
      dur: D,
      gain,
      filters: ["lowpass=f=900"],
    });
  }
  const len = D / 4;
  ["D3 F3 A3", "D3 F3 Bb3", "D3 G3 Bb3", "C#3 E3 G3 Bb3"].forEach((c, i) => layers.push(...play(strings(0.6, 0.8), strum(i * len, len + 0.6, chord(c)), 0.12)));
  const T = since(0.9, 1.0);
  layers.push({
    expr: `(sin(${dropPhase(70, 38, 0.04, T)})*exp(-14*${T})+0.6*if(gte(${T},0.17),sin(${dropPhase(65, 38, 0.04, `${T}-0.17`)})*exp(-16*(${T}-0.17)),0))*gte(t,1)`,
    dur: D,
    gain: 0.7,
    filters: ["lowpass=f=200"],
  });
  const high = (name: string, at: number, gain: number): Layer => {
    const f = midiHz(m(name));
    return { expr: `${partials(f, [1, 0.3, 0.1], { vibrato: vibrato(f, 0.005, 6) })}*(0.6+0.4*${sine(7)})*${att(3)}`, at, dur: D - at, gain, pan: 0.3 };
  };
  layers.push(high("Bb5", 7.5, 0.05), high("A5", 11.25, 0.04));
  return { layers, post: [HALL], fadeIn: 0.05, fadeOut: 1.5 };
};

const tenseMinimal: RecipeFn = (D) => {
  const e2 = midiHz(m("E2"));
  const bells: Note[] = [
    { at: 1.0, dur: 2.5, midi: m("B4"), pan: -0.4 },
    { at: 3.5, dur: 2.5, midi: m("C5"), pan: 0.4 },
    { at: 6.0, dur: 2.5, midi: m("B4"), pan: -0.3 },
    { at: 8.0, dur: 2.5, midi: m("F5"), pan: 0.5 },
    { at: 10.0, dur: 2.5, midi: m("E5"), pan: -0.1 },
  ];
  return {
    layers: [
      { expr: `(${sine(e2)}+${sine(e2 + 0.5)}+0.3*${sine(2 * e2)})*${att(2.5)}`, dur: D, gain: 0.35, filters: ["lowpass=f=600"] },
      drums((T) => `${noise()}*exp(-400*${T})`, { period: 0.5, offset: 0.5, from: 0.5, to: D, gain: 0.15, dur: D, filters: ["bandpass=f=3000:t=q:w=2"] }),
      ...play(bell, bells, 0.3),
      ...[5.0, 10.0].map((at): Layer => ({ expr: `${sine(55)}*${att(0.01)}*${dec(1.5)}`, at, dur: 2.5, gain: 0.3 })),
    ],
    post: [echo("0.8:0.6:375|750:0.35|0.18")],
    fadeIn: 0.05,
    fadeOut: 1.2,
  };
};

const triumphant: RecipeFn = (D) => {
  const beat = 0.6;
  const bar = 4 * beat;
  const progression = ["C3 G3 C4 E4", "F3 A3 C4 F4", "G3 B3 D4 G4", "C3 G3 C4 E4", "A3 C4 E4 A4", "F3 A3 C4 F4", "G3 B3 D4 G4"];
  const roots = ["C2", "F2", "G2", "C2", "A2", "F2", "G2"];
  const melody = line(0, beat, [
    ["C5", 1], ["E5", 1], ["G5", 2],
    ["A5", 1], ["G5", 1], ["F5", 1], ["A5", 1],
    ["G5", 1.5], ["F5", 0.5], ["E5", 1], ["D5", 1],
    ["E5", 1], ["G5", 1], ["C6", 2],
    ["C6", 1], ["B5", 1], ["A5", 1], ["E5", 1],
    ["F5", 1], ["A5", 1], ["C6", 2],
    ["B5", 1], ["D6", 1], ["G5", 1], ["B5", 1],
  ]);
  const end = 7 * bar;
  const layers: Layer[] = [];
  progression.forEach((c, i) => layers.push(...play(strings(0.15, 0.4), strum(i * bar, bar + 0.3, chord(c)), 0.09)));
  roots.forEach((r, i) => {
    layers.push(...play(bass, [0, 2].map((b) => ({ at: i * bar + b * beat, dur: 0.55, midi: m(r) })), 0.35));
    layers.push(...play(timpani, [{ at: i * bar, dur: 1.2, midi: m(r) }], 0.45));
  });
  layers.push(...play(brass, melody, 0.28, 0.1), ...play(brass, melody.map((n) => ({ ...n, midi: n.midi - 12 })), 0.12, -0.2));
  // a timpani roll into the last chord
  layers.push(...play(timpani, Array.from({ length: 8 }, (_, k) => ({ at: 6 * bar + 2 * beat + k * (beat / 4), dur: 0.3, midi: m("G2"), gain: 0.4 + k * 0.08 })), 0.4));
  const last = D - end;
  layers.push(
    ...play(brass, strum(end, last, chord("C4 E4 G4 C5")), 0.14),
    ...play(strings(0.1, 0.6), strum(end, last, chord("C3 G3 C4 E4 G4")), 0.08),
    ...play(timpani, [{ at: end, dur: last, midi: m("C2") }], 0.6),
    ...play(bass, [{ at: end, dur: last, midi: m("C2") }], 0.35),
  );
  for (const at of [0, end]) layers.push({ expr: [seeded(5, `${noise()}*${dec(2.5)}`), seeded(6, `${noise()}*${dec(2.5)}`)], at, dur: Math.min(2, D - at), gain: 0.12, filters: ["highpass=f=5000"] });
  return { layers, post: [echo("0.8:0.7:70|130:0.2|0.12")], fadeIn: 0.01, fadeOut: 0.6 };
};

const peaceful: RecipeFn = (D) => {
  const len = D / 4;
  const chords = ["D3 A3 C#4 F#4", "B2 F#3 A3 D4", "G2 D3 F#3 B3", "A2 E3 A3 D4"].map(chord);
  const layers: Layer[] = [];
  chords.forEach((c, i) => {
    layers.push(...play(pad(1.5, 1.5), strum(i * len, len + 1.5, c, 0.5), 0.1));
    layers.push(...play(pad(1.0, 1.5), [{ at: i * len, dur: len + 1.0, midi: c[0]! - 12 }], 0.2));
    const pattern = [0, 1, 2, 3, 2, 1, 2, 3];
    pattern.forEach((k, j) => {
      const at = i * len + j * (len / 8);
      if (at < D - 1) layers.push(...play(bell, [{ at, dur: 1.8, midi: c[k]! + 12, pan: j % 2 ? 0.4 : -0.4 }], 0.12));
    });
  });
  // the last chord resolves its suspension
  layers.push(...play(pad(1.5, 1.5), [{ at: 3.5 * len, dur: len / 2 + 0.5, midi: m("C#4"), pan: 0.3 }], 0.1));
  return { layers, post: [echo("0.8:0.75:250|420|610:0.3|0.2|0.12")], fadeIn: 1.0, fadeOut: 2.5 };
};

const energetic: RecipeFn = (D) => {
  const beat = 60 / 128;
  const bar = 4 * beat;
  const chords = ["A3 C4 E4 A4", "F3 A3 C4 F4", "C4 E4 G4 C5", "G3 B3 D4 G4"].map(chord);
  const roots = ["A1", "F1", "C2", "G1"].map(m);
  const layers: Layer[] = [
    drums(kick, { period: beat, to: D, gain: 0.9, dur: D }),
    drums(hat, { period: beat, offset: beat / 2, to: D, gain: 0.25, dur: D, seed: 8 }),
    drums(clap, { period: 2 * beat, offset: beat, to: D, gain: 0.45, dur: D, seed: 9 }),
  ];
  for (let b = 0; b * bar < D; b++) {
    const c = chords[b % 4]!;
    const root = roots[b % 4]!;
    layers.push(...play(pad(0.05, 0.2), strum(b * bar, bar, c), 0.04));
    for (let e = 0; e < 8; e++) {
      const at = b * bar + e * (beat / 2);
      if (at < D) layers.push(...play(bass, [{ at, dur: 0.2, midi: root + (e % 2 ? 12 : 0) }], 0.35));
    }
    const arp = [0, 1, 2, 3, 2, 1, 2, 3, 0, 1, 2, 3, 3, 2, 1, 2];
    arp.forEach((k, s) => {
      const at = b * bar + s * (beat / 4);
      if (at < D) layers.push(...play(pluck(9), [{ at, dur: 0.2, midi: c[k]! + 12, pan: s % 2 ? 0.3 : -0.3 }], 0.12));
    });
  }
  return { layers, fadeIn: 0.005, fadeOut: 0.3 };
};

const anticipation: RecipeFn = (D) => {
  const len = D / 4;
  const half = D / 2;
  const chords = ["A2 E3 A3 C4", "F2 C3 A3 C4", "D3 A3 D4 F4", "E2 B2 E3 G#3"].map(chord);
  const layers: Layer[] = [];
  chords.forEach((c, i) => layers.push(...play(strings(0.8, 0.4), strum(i * len, len + 0.4, c), 0.06 + i * 0.025)));
  for (let t = 0, k = 0; t < D; k++) {
    const step = t < half ? 0.25 : 0.125;
    layers.push(...play(pluck(12), [{ at: t, dur: step, midi: m(k % 2 ? "E5" : "E4"), gain: 0.35 + 0.65 * (t / D) }], 0.22, k % 2 ? 0.25 : -0.25));
    t += step;
  }
  layers.push(drums(kick, { period: 0.5, offset: half, from: half, to: D, gain: 0.7, dur: D }));
  const riseAt = D - 4;
  const u = "t/4";
  layers.push(
    { expr: [seeded(3, `${svf2(noise(), `300*pow(20,${u})`, 0.6)}*pow(${u},2)`), seeded(4, `${svf2(noise(), `300*pow(20,${u})`, 0.6)}*pow(${u},2)`)], at: riseAt, dur: 4, gain: 0.35 },
    { expr: `sin(${expSweepPhase(220, 880, 4)})*pow(${u},1.5)`, at: riseAt, dur: 4, gain: 0.1 },
  );
  return { layers, post: [HALL], fadeIn: 0.05, fadeOut: 0.15 };
};

const corporate: RecipeFn = (D) => {
  const beat = 0.5;
  const bar = 4 * beat;
  const chords = ["C4 E4 G4", "G3 B3 D4", "A3 C4 E4", "F3 A3 C4"].map(chord);
  const roots = ["C2", "G2", "A2", "F2"].map(m);
  const bars = 8;
  const end = bars * bar;
  const layers: Layer[] = [
    drums(kick, { period: 2 * beat, from: bar, to: end - beat, gain: 0.5, dur: D }),
    drums(clap, { period: 2 * beat, offset: beat, from: 2 * bar, to: end - beat, gain: 0.2, dur: D, seed: 8 }),
    drums(hat, { period: beat / 2, to: end - beat / 4, gain: 0.08, dur: D, seed: 9 }),
  ];
  for (let b = 0; b < bars; b++) {
    const c = chords[b % 4]!;
    const root = roots[b % 4]!;
    layers.push(...play(pad(0.3, 0.6), strum(b * bar, bar + 0.3, c), 0.05));
    layers.push(...play(bass, [0, 2, 3.5].map((x) => ({ at: b * bar + x * beat, dur: x === 3.5 ? 0.2 : 0.45, midi: root })), 0.3));
    const arp = [c[0]!, c[1]!, c[2]!, c[0]! + 12, c[2]!, c[1]!, c[0]! + 12, c[2]!];
    arp.forEach((midi, e) => layers.push(...play(marimba, [{ at: b * bar + e * (beat / 2), dur: 0.4, midi: midi + 12, pan: e % 2 ? 0.35 : -0.35 }], 0.16)));
    layers.push(...play(bell, [{ at: b * bar, dur: 1.5, midi: c[1]! + 24 }], 0.08));
  }
  const last = D - end;
  layers.push(
    ...play(pad(0.3, 1.5), strum(end, last, chord("C4 E4 G4 C5")), 0.06),
    ...play(bass, [{ at: end, dur: last, midi: m("C2") }], 0.3),
    ...play(bell, [{ at: end, dur: last, midi: m("C6") }], 0.12),
    drums(kick, { period: 1, offset: end, from: end, to: end, gain: 0.5, dur: D }),
  );
  return { layers, fadeIn: 0.005, fadeOut: 1.0 };
};

const emotional: RecipeFn = (D) => {
  const beat = 60 / 70;
  const bar = 4 * beat;
  const chords = ["A2 E3 A3 C4", "F2 C3 F3 A3", "C3 G3 C4 E4", "G2 D3 G3 B3"].map(chord);
  const melody = line(0, beat, [
    ["E5", 2], ["D5", 1], ["C5", 1],
    ["C5", 1.5], ["B4", 0.5], ["A4", 2],
    ["G4", 1], ["C5", 1], ["E5", 2],
    ["D5", 2], ["B4", 1], ["G4", 1],
  ], 1.1);
  const end = 4 * bar;
  const layers: Layer[] = [];
  chords.forEach((c, b) => {
    const pattern = [0, 1, 2, 3, 2, 1, 2, 3];
    pattern.forEach((k, e) => layers.push(...play(piano, [{ at: b * bar + e * (beat / 2), dur: 1.2, midi: c[k]!, pan: -0.3 }], 0.14)));
    layers.push(...play(strings(1.2, 0.8), strum(b * bar, bar + 0.5, c.slice(1).map((x) => x + 12)), 0.04 + 0.01 * b));
    layers.push(...play(strings(0.6, 0.6), [{ at: b * bar, dur: bar + 0.3, midi: c[0]! }], 0.12));
  });
  layers.push(...play(piano, melody, 0.3, 0.15));
  const last = D - end;
  layers.push(
    ...play(piano, [{ at: end, dur: last, midi: m("A4"), pan: 0.15 }], 0.3),
    ...play(piano, strum(end, last, chord("A2 E3 A3 C4"), 0.3), 0.14),
    ...play(strings(1.0, 1.5), strum(end, last, chord("A2 E3 A3 C4 E4")), 0.06),
  );
  return { layers, post: [echo("0.8:0.7:120|210:0.3|0.2")], fadeIn: 0.01, fadeOut: 2.0 };
};

const playful: RecipeFn = () => {
  const beat = 0.5;
  const bar = 4 * beat;
  const chords = ["C4 E4 G4", "F4 A4 C5", "G3 B3 D4 F4", "C4 E4 G4", "F4 A4 C5", "G3 B3 D4 F4"].map(chord);
  const roots = [["C2", "G2"], ["F2", "C3"], ["G2", "D2"], ["C2", "G2"], ["F2", "C3"], ["G2", "D2"]];
  const _ = null;
  const bars: (string | null)[][] = [
    ["E5", _, "G5", _, "C6", "G5", "E5", _],
    ["F5", _, "A5", _, "C6", "A5", "F5", _],
    ["D5", "G5", "B5", _, "D6", _, "B5", "G5"],
    ["C6", _, "G5", "E5", "C5", _, "E5", _],
    ["A5", "G5", "F5", _, "A5", _, "C6", _],
    ["B5", _, "D6", _, "C6", _, _, _],
  ];
  const layers: Layer[] = [];
  bars.forEach((notes, b) => {
    notes.forEach((name, e) => {
      if (!name) return;
      const long = b === bars.length - 1 && e === 4;
      layers.push(...play(marimba, [{ at: b * bar + e * (beat / 2), dur: long ? 1.6 : 0.3, midi: m(name), pan: 0.2 }], 0.3));
    });
    const first = notes.find(Boolean)!;
    layers.push(...play(glock, [{ at: b * bar, dur: 0.8, midi: m(first) + 12, pan: -0.3 }], 0.08));
    roots[b]!.forEach((r, k) => layers.push(...play(brass, [{ at: b * bar + 2 * k * beat, dur: 0.25, midi: m(r) }], 0.3)));
    [1, 3].forEach((x) => layers.push(...play(pluck(14), strum(b * bar + x * beat, 0.12, chords[b]!, 0.4), 0.08)));
  });
  return { layers, post: [echo("0.8:0.7:50:0.15")], fadeIn: 0.005, fadeOut: 0.5 };
};

const dramatic: RecipeFn = () => {
  const beat = 0.6;
  const bar = 4 * beat;
  const chords = ["D3 F3 A3 D4", "Bb2 D3 F3 Bb3", "G2 Bb2 D3 G3", "A2 C#3 E3 A3", "D3 F3 A3 D4", "Bb2 D3 F3 Bb3", "A2 C#3 E3 A3"].map(chord);
  const roots = ["D2", "Bb1", "G1", "A1", "D2", "Bb1", "A1"].map(m);
  const ostinato = [0, 0, 12, 0, 0, 0, 12, 0, 0, 0, 12, 0, 7, 0, 12, 0];
  const layers: Layer[] = [];
  chords.forEach((c, b) => {
    const intensity = 1 + b * 0.12;
    const root = roots[b]! + 12;
    ostinato.forEach((x, s) => layers.push(...play(spiccato, [{ at: b * bar + s * (beat / 4), dur: 0.14, midi: root + x, pan: -0.2 }], 0.12 * intensity)));
    [0, 1.5].forEach((x) => layers.push(...play(brass, strum(b * bar + x * beat, 0.35, c), 0.09 * intensity)));
    [0, 2].forEach((x) => layers.push(...play(timpani, [{ at: b * bar + x * beat, dur: 1.2, midi: roots[b]! + 12 }], 0.4 * intensity)));
    if (b >= 3) layers.push(...play(strings(0.4, 0.4), [{ at: b * bar, dur: bar + 0.2, midi: c[c.length - 1]! + 12, pan: 0.3 }], 0.08));
  });
  return { layers, post: [HALL], fadeIn: 0.01, fadeOut: 0.4 };
};

export const MUSIC_RECIPES: Record<string, RecipeFn> = {
  asset_music_tense: tense,
  asset_music_tense_minimal: tenseMinimal,
  asset_music_triumphant: triumphant,
  asset_music_peaceful: peaceful,
  asset_music_energetic: energetic,
  asset_music_anticipation: anticipation,
  asset_music_corporate: corporate,
  asset_music_emotional: emotional,
  asset_music_playful: playful,
  asset_music_dramatic: dramatic,
};
