/**
 * Recipes for the sound effects, ambient beds and transitions (spec part 3 §5). Each is a function
 * of the asset's length returning layers of ffmpeg expressions (see dsp.ts). Event times and
 * pitches come from a seeded PRNG, so every run produces the same file.
 */
import {
  att,
  echo,
  between,
  bump,
  dec,
  dropPhase,
  expSweepPhase,
  hit,
  linSweepPhase,
  noise,
  num,
  partials,
  prng,
  rel,
  seeded,
  since,
  sine,
  square,
  sum,
  svf,
  svf2,
  type Layer,
  type Recipe,
} from "./dsp";

export type RecipeFn = (seconds: number) => Recipe;

// ---------- shared generators ----------

/** An event envelope that is only computed while audible (`body` is evaluated lazily). */
function evt(t0: number, k: number, body: string, a = 0.0008): string {
  const end = t0 + 8 / k;
  return `if(between(t,${num(t0)},${num(end)}),min(1,(t-${num(t0)})/${num(a)})*exp(${num(-k)}*(t-${num(t0)}))*${body},0)`;
}

/** A cloud of hand claps: `count` clappers, each clapping at its own slightly wandering rate. */
function clapEnvelope(rand: () => number, count: number, lo = 0.22, hi = 0.38, k = 150): string {
  const terms: string[] = [];
  for (let i = 0; i < count; i++) {
    const period = between(rand, lo, hi);
    const phase = rand() * period;
    const wob = between(rand, 0.4, 1.8);
    const depth = between(rand, 0.02, 0.06);
    const amp = between(rand, 0.5, 1);
    terms.push(`${num(amp)}*exp(${num(-k)}*mod(t*(1+${num(depth)}*sin(${num(wob)}*t+${i})) + ${num(phase)},${num(period)}))`);
  }
  return sum(terms);
}

function applause(seconds: number, count: number, attack: number, release: number, seed: number): Recipe {
  const rand = prng(seed);
  const env = `${att(attack)}*${rel(seconds, release)}`;
  const left = seeded(11, `${noise()}*${clapEnvelope(rand, count)}*${env}`);
  const right = seeded(23, `${noise()}*${clapEnvelope(rand, count)}*${env}`);
  return {
    layers: [
      { expr: [left, right], dur: seconds, filters: ["highpass=f=450", "equalizer=f=1800:t=q:w=1:g=6", "lowpass=f=8000"] },
    ],
    post: [echo("0.8:0.8:23|41:0.2|0.12")],
  };
}

/** One key press: the click, a little ping of the key cap, then bottoming out. */
function keystroke(rand: () => number, at: number, gain: number, space: boolean, extra: string[] = []): Layer {
  const ping = between(rand, 1800, 3200);
  const bottom = space ? 170 : between(rand, 280, 380);
  const expr = seeded(
    Math.floor(rand() * 1e6),
    sum([
      `${noise()}*${hit(0, 700)}`,
      `0.35*${sine(ping)}*${hit(0, 300)}`,
      `0.5*${sine(bottom, "t-0.011")}*${hit(0.011, space ? 90 : 140)}`,
      `0.3*${noise()}*${hit(0.011, 900)}`,
    ]),
  );
  return { expr, at, dur: 0.09, gain: space ? gain * 1.2 : gain, pan: between(rand, -0.3, 0.3), filters: ["highpass=f=300", "lowpass=f=9000", ...extra] };
}

function typingRun(rand: () => number, from: number, to: number, gain: number, extra: string[] = [], pan?: number): Layer[] {
  const layers: Layer[] = [];
  let t = from;
  let first = true;
  while (t < to) {
    const space = !first && rand() < 0.12;
    const layer = keystroke(rand, t, gain * between(rand, 0.55, 1), space, extra);
    if (pan !== undefined) layer.pan = pan + between(rand, -0.1, 0.1);
    layers.push(layer);
    first = false;
    t += between(rand, 0.055, 0.16) + (rand() < 0.12 ? 0.12 : 0);
  }
  return layers;
}

/**
 * Talking voices: a buzzy glottal pulse train with wandering pitch, through a band-pass "mouth"
 * whose centre moves like changing vowels, chopped into syllables and phrases.
 */
function voices(
  rand: () => number,
  count: number,
  opts: { dur: number; rateLo: number; rateHi: number; pitch: number; formant: number; gain: number; lowpass: number },
): Layer[] {
  const layers: Layer[] = [];
  for (let i = 0; i < count; i++) {
    const r1 = between(rand, opts.rateLo, opts.rateHi);
    const r2 = r1 * between(rand, 1.3, 1.9);
    const rp = between(rand, 0.15, 0.35);
    const f0 = opts.pitch * between(rand, 0.7, 1.4);
    const fc = opts.formant * between(rand, 0.8, 1.25);
    const ph = () => num(rand() * 6.28);
    const pitch = `${num(f0)}*(1+0.08*sin(${num(2 * Math.PI * between(rand, 0.4, 0.9))}*t+${ph()}))`;
    const excitation = `(st(4,ld(4)+${pitch}/48000);0.8*(exp(-8*mod(ld(4),1))-0.12)+0.35*${noise()})`;
    const mouth = `${num(fc)}*(1+0.35*sin(${num(2 * Math.PI * r1 * 0.9)}*t+${ph()}))`;
    const syllables = `pow(max(0,0.6*sin(${num(2 * Math.PI * r1)}*t+${ph()})+0.4*sin(${num(2 * Math.PI * r2)}*t+${ph()})+0.15),1.3)`;
    const phrases = `(0.3+0.7*gt(sin(${num(2 * Math.PI * rp)}*t+${ph()}),-0.3))`;
    layers.push({
      expr: seeded(Math.floor(rand() * 1e6), `${svf(excitation, mouth, 0.5)}*${syllables}*${phrases}`),
      dur: opts.dur,
      gain: opts.gain * between(rand, 0.6, 1),
      pan: between(rand, -0.8, 0.8),
      filters: ["highpass=f=140", `equalizer=f=${Math.round(fc * 2.8)}:t=q:w=1.5:g=5`, `lowpass=f=${opts.lowpass}`],
    });
  }
  return layers;
}

/** Filtered noise, independently seeded for each side. */
function noiseBed(seedL: number, seedR: number, dur: number, filters: string[], gain: number, shape = "1", width = 0.7): Layer[] {
  return [
    { expr: seeded(seedL, `${noise()}*${shape}`), dur, filters, gain, pan: -width },
    { expr: seeded(seedR, `${noise()}*${shape}`), dur, filters, gain, pan: width },
  ];
}

/** A vehicle driving past at time tc: engine buzz with a Doppler drop, tyre noise, panning across. */
function carPass(tc: number, dir: 1 | -1, f0: number, width: number, seed: number): readonly [string, string] {
  const freq = `${num(f0)}*(1+0.05*tanh(2*(${num(tc)}-t)))`;
  const body = `(st(4,ld(4)+${freq}/48000);0.6*(exp(-3*mod(ld(4),1))-0.32)+0.5*${noise()})`;
  const env = `1/(1+pow((t-${num(tc)})*${num(width)},2))`;
  const side = (s: 1 | -1) => `(0.5+${num(0.45 * s * dir)}*tanh(1.8*(t-${num(tc)})))`;
  return [seeded(seed, `${body}*${env}*${side(-1)}`), seeded(seed, `${body}*${env}*${side(1)}`)];
}

/** A creaking hinge: stick–slip pulses at a wandering pitch, through wooden resonances. */
function creak(base: number, rise: number, dur: number): string {
  const freq = `(${num(base)}+${num(rise)}*t/${num(dur)}+22*sin(${num(2 * Math.PI * 2.7)}*t)+14*sin(${num(2 * Math.PI * 6.1)}*t+1)+9*sin(${num(2 * Math.PI * 11.3)}*t))`;
  const pulses = `(st(4,ld(4)+${freq}/48000);exp(-5*mod(ld(4),1))-0.2)`;
  return `${pulses}*(0.55+0.45*pow(sin(${num(2 * Math.PI * 4.3)}*t),2))*${att(0.04)}*${rel(dur, 0.08)}`;
}
const CREAK_FILTERS = ["highpass=f=150", "equalizer=f=850:t=q:w=3:g=12", "equalizer=f=2200:t=q:w=4:g=9", "lowpass=f=5000"];

/** A spoon on a cup: ceramic partials. */
const clink = (t0: number, f: number) => evt(t0, 38, partials(f, [1, 0.6, 0.35], { ratios: [1, 1.62, 2.43], T: `t-${num(t0)}` }));

// ---------- sfx ----------

const whoosh: RecipeFn = (D) => {
  const u = `t/${num(D)}`;
  const body = svf2(noise(), `300+3500*${bump(`t/${num(D * 0.95)}`)}`, 0.7);
  const env = bump(`pow(${u},0.8)`);
  return {
    layers: [
      { expr: [`${body}*${env}*(1-0.6*${u})`, `${body}*${env}*(0.4+0.6*${u})`], dur: D, filters: ["lowpass=f=8000"] },
      { expr: seeded(5, `${noise()}*${env}`), dur: D, gain: 0.3, filters: ["lowpass=f=500"] },
    ],
  };
};

const whooshHeavy: RecipeFn = (D) => {
  const u = `t/0.72`;
  const body = svf2(noise(), `150+1300*${bump(u)}`, 0.8);
  const env = bump(`pow(${u},0.9)`);
  return {
    layers: [
      { expr: [`${body}*${env}*(1-0.5*${u})`, `${body}*${env}*(0.5+0.5*${u})`], dur: 0.72 },
      { expr: `${sine(48)}*${bump(`t/0.7`)}`, dur: 0.7, gain: 0.5 },
      { expr: `sin(${dropPhase(110, 45, 0.03)})*${att(0.002)}*${dec(18)}`, at: 0.6, dur: D - 0.6, gain: 0.9 },
      { expr: seeded(7, `${noise()}*${dec(60)}`), at: 0.6, dur: D - 0.6, gain: 0.5, filters: ["lowpass=f=700"] },
    ],
    fadeOut: 0.04,
  };
};

const impact: RecipeFn = (D) => ({
  layers: [
    { expr: `sin(${dropPhase(140, 45, 0.035)})*${att(0.001)}*${dec(11)}`, dur: D },
    { expr: `${noise()}*${dec(45)}`, dur: D, gain: 0.6, filters: ["lowpass=f=3000"] },
    { expr: seeded(3, `${noise()}*${dec(25)}`), dur: D, gain: 0.8, filters: ["bandpass=f=250:t=q:w=1"] },
  ],
  fadeOut: 0.03,
});

const impactMetal: RecipeFn = (D) => {
  const clang = (f: number, detune: number) =>
    `${partials(f, [1, 0.8, 0.65, 0.5, 0.4, 0.3, 0.2], {
      ratios: [1, 2.71, 2.73 * detune, 4.72, 6.98 * detune, 9.33, 12.1],
      decays: [5, 8, 8, 12, 16, 22, 30],
    })}*${att(0.0005)}`;
  return {
    layers: [
      { expr: [clang(420, 1), clang(421.5, 1.004)], dur: D, gain: 0.6 },
      { expr: `${noise()}*${dec(90)}`, dur: D, gain: 0.5, filters: ["highpass=f=2000"] },
      { expr: `sin(${dropPhase(180, 120, 0.02)})*${dec(30)}`, dur: D, gain: 0.4 },
    ],
    fadeOut: 0.05,
  };
};

const click: RecipeFn = (D) => {
  const tick = (t0: number, tone: number) => sum([`${noise()}*${hit(t0, 900)}`, `0.5*${sine(tone, `t-${num(t0)}`)}*${hit(t0, 350)}`]);
  return {
    layers: [
      { expr: tick(0.004, 3000), dur: D, filters: ["highpass=f=800"] },
      { expr: seeded(9, tick(0.085, 3600)), dur: D, gain: 0.5, filters: ["highpass=f=800"] },
    ],
  };
};

const pop: RecipeFn = (D) => ({
  layers: [
    { expr: `sin(${dropPhase(280, 1100, 0.012)})*${att(0.001)}*${dec(30)}`, dur: D },
    { expr: `${noise()}*${dec(500)}`, dur: D, gain: 0.4, filters: ["bandpass=f=2000:t=q:w=1"] },
  ],
});

const footstep = (rand: () => number, at: number, pan: number, running: boolean): Layer => {
  const toe = running ? 0.045 : 0.075;
  const expr = seeded(
    Math.floor(rand() * 1e6),
    running
      ? sum([
          `sin(${dropPhase(100, 50, 0.025)})*${att(0.001)}*${dec(25)}`,
          `0.8*${noise()}*${hit(0, 45)}`,
          `0.4*${noise()}*${hit(toe, 30)}`,
        ])
      : sum([
          `sin(${dropPhase(120, 60, 0.02)})*${att(0.001)}*${dec(35)}`,
          `0.5*${noise()}*${hit(0, 70)}`,
          `0.35*${noise()}*${hit(toe, 80)}`,
          `0.4*sin(${dropPhase(150, 80, 0.015, `t-${toe}`)})*${hit(toe, 50)}`,
        ]),
  );
  const filters = running
    ? ["highpass=f=60", "equalizer=f=2500:t=q:w=1:g=4", "lowpass=f=5000"]
    : ["highpass=f=40", "lowpass=f=3500"];
  return { expr, at, dur: running ? 0.28 : 0.38, pan, gain: between(rand, 0.8, 1), filters };
};

const footsteps: RecipeFn = () => {
  const rand = prng(101);
  return { layers: [0.06, 0.51, 0.96, 1.41].map((at, i) => footstep(rand, at, i % 2 ? 0.25 : -0.25, false)) };
};

const footstepsRunning: RecipeFn = () => {
  const rand = prng(102);
  return { layers: [0.03, 0.33, 0.62, 0.92].map((at, i) => footstep(rand, at, i % 2 ? 0.2 : -0.2, true)) };
};

const confetti: RecipeFn = (D) => {
  const rand = prng(103);
  const sparkles = () =>
    sum(
      Array.from({ length: 6 }, () => {
        const t0 = between(rand, 0.05, 0.5);
        return evt(t0, 45, sine(between(rand, 3000, 7000), `t-${num(t0)}`));
      }),
    );
  const rustle = (seed: number) => seeded(seed, `${noise()}*gt(random(9),0.96)*${dec(3.5)}*${att(0.03)}`);
  return {
    layers: [
      { expr: seeded(4, `${noise()}*${dec(60)}`), dur: 0.2, filters: ["bandpass=f=1500:t=q:w=0.7"] },
      { expr: `sin(${dropPhase(220, 70, 0.02)})*${dec(30)}`, dur: 0.25, gain: 0.6 },
      { expr: rustle(41), at: 0.04, dur: D - 0.04, gain: 0.7, pan: -0.6, filters: ["highpass=f=2500", "lowpass=f=9000"] },
      { expr: rustle(43), at: 0.04, dur: D - 0.04, gain: 0.7, pan: 0.6, filters: ["highpass=f=2500", "lowpass=f=9000"] },
      { expr: [sparkles(), sparkles()], dur: D, gain: 0.25 },
    ],
    fadeOut: 0.05,
  };
};

const doorOpen: RecipeFn = (D) => {
  const latch = (t0: number) => sum([`${partials(2300, [1, 0.6], { ratios: [1, 1.63], T: `t-${num(t0)}` })}*${hit(t0, 220)}`, `${noise()}*${hit(t0, 600)}`]);
  return {
    layers: [
      { expr: sum([latch(0.01), `0.5*${latch(0.05)}`]), dur: 0.2, gain: 0.5 },
      { expr: creak(130, 80, 0.6), at: 0.09, dur: D - 0.09, gain: 0.6, filters: CREAK_FILTERS },
    ],
    fadeOut: 0.03,
  };
};

const doorClose: RecipeFn = (D) => ({
  layers: [
    { expr: seeded(2, `${noise()}*pow(t/0.09,2)`), dur: 0.09, gain: 0.4, filters: ["lowpass=f=600"] },
    { expr: `sin(${dropPhase(95, 42, 0.04)})*${att(0.001)}*${dec(14)}`, at: 0.09, dur: D - 0.09 },
    { expr: seeded(6, `${noise()}*${dec(40)}`), at: 0.09, dur: D - 0.09, filters: ["bandpass=f=380:t=q:w=1.2"] },
    {
      expr: sum([`${partials(2600, [1, 0.5], { ratios: [1, 1.58] })}*${hit(0, 260)}`, `${noise()}*${hit(0, 800)}`]),
      at: 0.15,
      dur: 0.1,
      gain: 0.35,
    },
  ],
  post: [echo("0.7:0.5:38|71:0.25|0.12")],
  fadeOut: 0.05,
});

const typing: RecipeFn = () => ({ layers: typingRun(prng(104), 0.04, 1.3, 1) });

const notification: RecipeFn = (D) => {
  const chime = (f: number) => `${partials(f, [1, 0.3, 0.12], { decays: [12, 20, 30] })}*${att(0.003)}`;
  return {
    layers: [
      { expr: chime(880), dur: D, gain: 0.8 },
      { expr: chime(1318.5), at: 0.1, dur: D - 0.1, gain: 0.8 },
    ],
    post: [echo("0.8:0.7:45:0.25")],
    fadeOut: 0.04,
  };
};

// ---------- ambient ----------

const BED_FADE = { fadeIn: 0.2, fadeOut: 0.25 };

const crowd: RecipeFn = (D) => ({
  layers: [
    ...voices(prng(201), 9, { dur: D, rateLo: 3, rateHi: 4.5, pitch: 150, formant: 650, gain: 0.35, lowpass: 2600 }),
    ...noiseBed(1, 2, D, ["lowpass=f=500"], 0.08),
  ],
  post: [echo("0.8:0.8:40|75:0.2|0.12")],
  ...BED_FADE,
});

const crowdExcited: RecipeFn = (D) => {
  const rand = prng(202);
  const cheer = (at: number, f0: number, dur: number, pan: number): Layer => {
    const pitch = `${num(f0)}*(1+0.6*min(1,t/0.35))*(1+0.03*sin(${num(2 * Math.PI * 5.5)}*t))`;
    const voice = `(st(4,ld(4)+${pitch}/48000);exp(-6*mod(ld(4),1))-0.16+0.2*${noise()})`;
    return {
      expr: seeded(at * 1000, `${svf(voice, `700+300*min(1,t/0.3)`, 0.45)}*${att(0.12)}*${rel(dur, 0.4)}`),
      at,
      dur,
      pan,
      gain: 0.55,
      filters: ["highpass=f=200", "lowpass=f=4000"],
    };
  };
  const clap = clapEnvelope(rand, 10, 0.2, 0.3);
  return {
    layers: [
      ...voices(rand, 12, { dur: D, rateLo: 4.5, rateHi: 7, pitch: 190, formant: 800, gain: 0.3, lowpass: 4000 }),
      cheer(0.6, 260, 1.3, -0.5),
      cheer(1.9, 300, 1.1, 0.6),
      cheer(3.1, 240, 1.4, 0.1),
      { expr: `sin(${linSweepPhase(1800, 2700, 0.35)})*${bump("t/0.35")}`, at: 2.3, dur: 0.35, gain: 0.12, pan: 0.4 },
      { expr: `sin(${linSweepPhase(2700, 2200, 0.45)})*${bump("t/0.45")}`, at: 2.7, dur: 0.45, gain: 0.12, pan: 0.4 },
      {
        expr: seeded(99, `${noise()}*${clap}*${bump(`(t-1.2)/2.6`)}`),
        dur: D,
        gain: 0.35,
        filters: ["highpass=f=500", "equalizer=f=1800:t=q:w=1:g=6"],
      },
    ],
    post: [echo("0.8:0.8:40|75:0.2|0.12")],
    ...BED_FADE,
  };
};

const nature: RecipeFn = (D) => {
  const whistle = (at: number, pan: number, gain: number): Layer => ({
    expr: `sin(${linSweepPhase(4300, 2700, 0.32)})*${bump("t/0.32")}*(1+0.3*sin(${num(2 * Math.PI * 35)}*t))`,
    at,
    dur: 0.32,
    pan,
    gain,
  });
  const trill = (at: number, pan: number, gain: number): Layer => {
    const tc = "mod(t,0.065)";
    return {
      expr: `sin(${linSweepPhase(3200, 4600, 0.045, tc)})*${bump(`${tc}/0.045`)}*lt(${tc},0.045)`,
      at,
      dur: 7 * 0.065,
      pan,
      gain,
    };
  };
  const call = (at: number, pan: number, gain: number): Layer => ({
    expr: sum([`${sine(2000)}*${bump("t/0.12")}*lt(t,0.12)`, `if(gte(t,0.17),sin(${linSweepPhase(2200, 2900, 0.18, "t-0.17")})*${bump("(t-0.17)/0.18")},0)`]),
    at,
    dur: 0.35,
    pan,
    gain,
  });
  const chip = (at: number, pan: number): Layer => ({ expr: `sin(${linSweepPhase(5000, 4000, 0.03)})*${bump("t/0.03")}`, at, dur: 0.03, pan, gain: 0.2 });
  return {
    layers: [
      ...noiseBed(31, 32, D, ["lowpass=f=600", "lowpass=f=900", "highpass=f=80"], 0.5, `(0.6+0.4*sin(${num(2 * Math.PI * 0.16)}*t))`),
      { expr: seeded(33, `${noise()}*pow(0.5+0.5*sin(${num(2 * Math.PI * 0.23)}*t),2)`), dur: D, gain: 0.08, filters: ["highpass=f=2500", "lowpass=f=7000"] },
      whistle(0.6, -0.5, 0.35),
      whistle(3.4, -0.45, 0.3),
      trill(1.5, 0.5, 0.28),
      trill(4.6, 0.6, 0.25),
      call(2.5, -0.1, 0.3),
      call(5.2, 0.2, 0.22),
      chip(0.2, 0.3),
      chip(0.27, 0.3),
      chip(4.1, -0.6),
    ],
    post: [echo("0.8:0.7:60|110:0.2|0.1")],
    ...BED_FADE,
  };
};

const natureRain: RecipeFn = (D) => {
  const rand = prng(204);
  const drops = () =>
    sum(
      Array.from({ length: 22 }, () => {
        const t0 = between(rand, 0.05, D - 0.1);
        const f = between(rand, 1800, 4500);
        return evt(t0, 120, `sin(${linSweepPhase(f, f * 1.6, 0.02, `t-${num(t0)}`)})`);
      }),
    );
  return {
    layers: [
      ...noiseBed(51, 52, D, ["highpass=f=500", "lowpass=f=6500", "equalizer=f=3000:t=q:w=1:g=3"], 0.5, `(0.85+0.15*sin(${num(2 * Math.PI * 0.3)}*t))`, 0.8),
      { expr: seeded(53, noise()), dur: D, gain: 0.35, filters: ["lowpass=f=400"] },
      ...noiseBed(54, 55, D, ["highpass=f=1500", "lowpass=f=6000"], 0.5, "gt(random(9),0.992)"),
      { expr: [drops(), drops()], dur: D, gain: 0.12 },
    ],
    ...BED_FADE,
  };
};

const city: RecipeFn = (D) => {
  const rand = prng(205);
  const horn = (at: number): Layer => ({
    expr: `(0.5*${square(415)}+0.5*${square(523)})*${att(0.01)}*${rel(0.16, 0.02)}`,
    at,
    dur: 0.16,
    gain: 0.12,
    pan: 0.6,
    filters: ["highpass=f=300", "lowpass=f=2500"],
  });
  return {
    layers: [
      ...noiseBed(61, 62, D, ["lowpass=f=180", "lowpass=f=250"], 0.9, `(0.7+0.3*sin(${num(2 * Math.PI * 0.11)}*t))`, 0.6),
      { expr: seeded(63, `${noise()}*(0.6+0.4*sin(${num(2 * Math.PI * 0.19)}*t))`), dur: D, gain: 0.25, filters: ["bandpass=f=700:t=q:w=0.5"] },
      { expr: carPass(1.5, 1, 85, 2.2, 64), dur: D, gain: 0.9, filters: ["highpass=f=50", "lowpass=f=1500"] },
      { expr: carPass(3.9, -1, 110, 2.5, 65), dur: D, gain: 0.7, filters: ["highpass=f=50", "lowpass=f=1500"] },
      horn(2.6),
      horn(2.85),
      ...voices(rand, 3, { dur: D, rateLo: 3.5, rateHi: 5, pitch: 160, formant: 700, gain: 0.15, lowpass: 2000 }),
    ],
    ...BED_FADE,
  };
};

const cityNight: RecipeFn = (D) => {
  const siren = `(st(4,ld(4)+(760+180*sin(${num(2 * Math.PI * 0.45)}*t))/48000);sin(2*PI*ld(4))+0.3*sin(4*PI*ld(4)))`;
  const tc = "mod(t,0.8)";
  const cricket = `${sine(4600)}*lt(${tc},0.1)*${bump(`mod(${tc},0.033)/0.018`)}*lt(mod(${tc},0.033),0.018)`;
  return {
    layers: [
      { expr: sum([`0.3*${sine(55)}`, `0.15*${sine(110)}`]), dur: D, gain: 0.12 },
      ...noiseBed(71, 72, D, ["lowpass=f=120", "lowpass=f=200"], 0.35),
      { expr: carPass(2.5, 1, 70, 1.0, 73), dur: D, gain: 0.5, filters: ["highpass=f=40", "lowpass=f=700"] },
      { expr: siren, dur: D, gain: 0.12, pan: -0.4, filters: ["lowpass=f=1400", echo("0.8:0.6:180|340:0.3|0.2")] },
      { expr: cricket, at: 0.3, dur: D - 0.3, gain: 0.08, pan: 0.5 },
    ],
    ...BED_FADE,
  };
};

const office: RecipeFn = (D) => {
  const rand = prng(207);
  const ringGate = `(${bump("t/0.4")}*lt(t,0.4)+${bump("(t-0.6)/0.4")}*between(t,0.6,1.0))`;
  return {
    layers: [
      ...noiseBed(81, 82, D, ["highpass=f=60", "lowpass=f=450"], 0.3),
      { expr: sine(120), dur: D, gain: 0.02 },
      ...typingRun(rand, 0.3, 2.4, 0.4, ["lowpass=f=3500"], -0.5),
      ...typingRun(rand, 3.0, 5.2, 0.32, ["lowpass=f=3000"], 0.6),
      ...voices(rand, 3, { dur: D, rateLo: 3, rateHi: 4.5, pitch: 140, formant: 600, gain: 0.12, lowpass: 1500 }),
      { expr: `(${sine(440)}+${sine(480)})*0.5*${ringGate}`, at: 4.2, dur: 1.0, gain: 0.05, pan: 0.7, filters: ["lowpass=f=2000"] },
      { expr: sum([`${noise()}*${hit(0, 900)}`, `0.5*${sine(3000)}*${hit(0, 350)}`]), at: 2.7, dur: 0.05, gain: 0.15, pan: 0.2, filters: ["highpass=f=800"] },
    ],
    ...BED_FADE,
  };
};

const theater: RecipeFn = (D) => {
  const rand = prng(208);
  const cough = (at: number, pan: number, seed: number): Layer => ({
    expr: seeded(seed, `${noise()}*(${hit(0, 22)}+0.6*${hit(0.2, 28)})`),
    at,
    dur: 0.45,
    pan,
    gain: 0.35,
    filters: ["bandpass=f=700:t=q:w=0.8", "lowpass=f=3000"],
  });
  return {
    layers: [
      ...noiseBed(91, 92, D, ["lowpass=f=250"], 0.4),
      ...voices(rand, 7, { dur: D, rateLo: 2.5, rateHi: 4, pitch: 150, formant: 600, gain: 0.25, lowpass: 1800 }),
      cough(1.3, -0.5, 93),
      cough(3.2, 0.6, 94),
      { expr: creak(300, 60, 0.3), at: 2.4, dur: 0.3, gain: 0.15, pan: 0.3, filters: CREAK_FILTERS },
    ],
    post: [echo("0.9:0.8:97|163|241|337:0.3|0.22|0.16|0.1")],
    ...BED_FADE,
  };
};

const factory: RecipeFn = (D) => {
  const T = since(1.3, 0.25);
  const gate = "gte(t,0.25)";
  return {
    layers: [
      { expr: `${partials(98, [1, 0.5, 0.35, 0.25, 0.18, 0.12, 0.08, 0.06])}*(1+0.08*sin(${num(2 * Math.PI * 6.5)}*t))+0.8*${sine(49)}`, dur: D, gain: 0.15 },
      { expr: `sin(${dropPhase(85, 40, 0.04, T)})*exp(-12*${T})*${gate}`, dur: D, gain: 0.9 },
      { expr: `${partials(310, [1, 0.7, 0.5, 0.35], { ratios: [1, 2.76, 5.1, 8.3], decays: [7, 10, 14, 18], T })}*${gate}`, dur: D, gain: 0.6, pan: 0.25 },
      { expr: seeded(101, `${noise()}*pow(0.5+0.5*sin(${num(2 * Math.PI * 13)}*t),6)`), dur: D, gain: 0.5, pan: -0.5, filters: ["bandpass=f=1400:t=q:w=0.7"] },
      { expr: seeded(102, `${noise()}*${att(0.08)}*${rel(1.6, 0.5)}`), at: 2.8, dur: 1.6, gain: 0.3, pan: 0.6, filters: ["highpass=f=3500"] },
    ],
    post: [echo("0.8:0.6:70|130:0.25|0.15")],
    ...BED_FADE,
  };
};

const cafe: RecipeFn = (D) => {
  const rand = prng(210);
  return {
    layers: [
      ...voices(rand, 7, { dur: D, rateLo: 3.5, rateHi: 5, pitch: 170, formant: 750, gain: 0.18, lowpass: 3500 }),
      ...noiseBed(111, 112, D, ["lowpass=f=300"], 0.2),
      { expr: sum([clink(0.8, 2150), `0.7*${clink(0.9, 2150)}`]), dur: 1.2, gain: 0.25, pan: -0.4 },
      { expr: clink(2.2, 2480), dur: 2.5, gain: 0.22, pan: 0.5 },
      { expr: sum([clink(3.95, 1980), `0.6*${clink(4.02, 1980)}`]), dur: 4.4, gain: 0.25, pan: 0.1 },
      {
        expr: seeded(113, `${noise()}*${att(0.15)}*${rel(1.7, 0.4)}*(0.8+0.2*sin(${num(2 * Math.PI * 9)}*t))`),
        at: 2.6,
        dur: 1.7,
        gain: 0.12,
        pan: 0.7,
        filters: ["highpass=f=2500", "equalizer=f=6000:t=q:w=1:g=5"],
      },
    ],
    ...BED_FADE,
  };
};

const ocean: RecipeFn = (D) => {
  const wave = (peak: number) =>
    `(if(lt(t,${num(peak)}),exp(-pow((t-${num(peak)})/1.1,2)),exp(-pow((t-${num(peak)})/1.7,2)))+0.55*exp(-pow((t-5.6)/0.8,2))+0.3*exp(-pow(t/0.9,2)))`;
  const surf = (peak: number, seed: number) => seeded(seed, `${svf2(noise(), `280+2600*${wave(peak)}`, 1.0, "low")}*(0.2+0.8*${wave(peak)})`);
  const fizz = (peak: number) => `if(gt(t,${num(peak)}),exp(-(t-${num(peak)})/1.0)*min(1,(t-${num(peak)})/0.15),0)`;
  return {
    layers: [
      { expr: [surf(2.0, 121), surf(2.15, 122)], dur: D, gain: 0.8 },
      { expr: [seeded(123, `${noise()}*${fizz(2.0)}`), seeded(124, `${noise()}*${fizz(2.15)}`)], dur: D, gain: 0.15, filters: ["highpass=f=3000"] },
      ...noiseBed(125, 126, D, ["lowpass=f=350"], 0.35),
    ],
    ...BED_FADE,
  };
};

// ---------- transitions ----------

const swoosh: RecipeFn = (D) => {
  const u = `t/${num(D * 0.97)}`;
  const body = svf2(noise(), `500*pow(14,${bump(u)})`, 0.6);
  const env = bump(`pow(${u},0.9)`);
  return { layers: [{ expr: [`${body}*${env}*(1-0.9*${u})`, `${body}*${env}*(0.1+0.9*${u})`], dur: D }] };
};

const fade: RecipeFn = (D) => {
  const env = bump(`t/${num(D)}`);
  const chord = [261.63, 329.63, 392.0, 523.25];
  return {
    layers: [
      ...chord.map((f, i): Layer => ({ expr: `${partials(f, [1, 0.2])}*${env}`, dur: D, gain: 0.15, pan: [-0.5, 0.3, -0.2, 0.5][i] })),
      ...noiseBed(131, 132, D, ["highpass=f=300", "lowpass=f=2500"], 0.15, env),
    ],
    post: [echo("0.8:0.7:60|110:0.2|0.15")],
  };
};

const glitch: RecipeFn = (D) => {
  const rand = prng(403);
  type Slice = { start: number; end: number; body: (T: string) => string; gl: number; gr: number; silent: boolean };
  const slices: Slice[] = [];
  let t = 0;
  let previous: Slice | undefined;
  while (t < D) {
    const len = Math.min(D - t, between(rand, 0.02, 0.05));
    const roll = rand();
    let body: Slice["body"];
    const nearEnd = t > D * 0.7;
    if (previous && roll < 0.3 && !previous.silent) body = previous.body; // stutter: the same fragment again
    else if (roll < 0.55) {
      const f = between(rand, 200, 2000);
      const crush = Math.round(between(rand, 3000, 11000));
      body = (T) => `0.7*${square(f, `floor(${T}*${crush})/${crush}`)}`;
    } else if (roll < 0.75) {
      const levels = Math.round(between(rand, 2, 4));
      body = () => `floor(${noise()}*${levels})/${levels}`;
    } else if (roll < 0.92) {
      const f = between(rand, 300, 1500);
      body = (T) => `sin(${num(2 * Math.PI * f)}*${T}+8*sin(${num(3 * Math.PI * f)}*${T}))`;
    } else if (!previous?.silent && !nearEnd) body = () => "0";
    else body = () => `floor(${noise()}*2)/2`;
    const pan = between(rand, -0.8, 0.8);
    const amp = between(rand, 0.6, 1);
    const silent = body("t") === "0";
    previous = { start: t, end: t + len, body, gl: amp * Math.min(1, 1 - pan), gr: amp * Math.min(1, 1 + pan), silent };
    slices.push(previous);
    t += len;
  }
  const side = (g: (s: Slice) => number) =>
    slices.reduceRight((rest, s) => `if(lt(t,${num(s.end)}),${num(g(s))}*${s.body(`(t-${num(s.start)})`)},${rest})`, "0");
  return { layers: [{ expr: [side((s) => s.gl), side((s) => s.gr)], dur: D }], post: ["highpass=f=120"] };
};

const boom: RecipeFn = (D) => ({
  layers: [
    {
      expr: `tanh(2.2*(sin(${dropPhase(78, 30, 0.12)})*${dec(4.2)}*${att(0.003)}+0.5*sin(${dropPhase(156, 60, 0.08)})*${dec(7)}))`,
      dur: D,
    },
    { expr: seeded(141, `${noise()}*${dec(12)}`), dur: D, gain: 0.6, filters: ["lowpass=f=300"] },
    { expr: seeded(142, `${noise()}*${dec(80)}`), dur: D, gain: 0.3, filters: ["lowpass=f=2000"] },
  ],
  post: [echo("0.8:0.6:80|150:0.3|0.18"), "lowpass=f=3000"],
  fadeOut: 0.1,
});

const reverse: RecipeFn = (D) => ({
  // Built forwards (a cymbal crash and a bell), then played backwards.
  layers: [
    ...noiseBed(151, 152, D, ["highpass=f=3500", "equalizer=f=8000:t=q:w=1:g=4"], 0.5, `${dec(6)}*${att(0.001)}`, 0.5),
    { expr: `${partials(784, [1, 0.5, 0.3, 0.2], { ratios: [1, 2.0, 2.76, 4.1], decays: [5, 6, 8, 11] })}*${att(0.001)}`, dur: D, gain: 0.5 },
    { expr: `sin(${dropPhase(120, 60, 0.1)})*${dec(6)}`, dur: D, gain: 0.4 },
  ],
  post: ["areverse"],
  fadeIn: 0.01,
  fadeOut: 0.008,
});

const rise: RecipeFn = (D) => {
  const phase = expSweepPhase(150, 1200, D);
  const tone = `(st(4,${phase});sin(ld(4))+0.5*sin(2*ld(4))+0.33*sin(3*ld(4))+0.25*sin(4*ld(4)))`;
  const tremolo = `(0.65+0.35*sin(${num(2 * Math.PI * 4)}*t+${num((2 * Math.PI * 18) / (2 * D))}*t*t))`;
  const air = (seed: number) => seeded(seed, `${svf2(noise(), `400*pow(20,t/${num(D)})`, 0.6)}*pow(t/${num(D)},2)`);
  return {
    layers: [
      { expr: `${tone}*${tremolo}*pow(t/${num(D)},1.6)`, dur: D, gain: 0.5 },
      { expr: [air(161), air(162)], dur: D, gain: 0.6 },
    ],
    fadeOut: 0.03,
  };
};

export const SOUND_RECIPES: Record<string, RecipeFn> = {
  asset_sfx_whoosh: whoosh,
  asset_sfx_whoosh_heavy: whooshHeavy,
  asset_sfx_impact: impact,
  asset_sfx_impact_metal: impactMetal,
  asset_sfx_click: click,
  asset_sfx_pop: pop,
  asset_sfx_applause: (D) => applause(D, 20, 0.15, 1.2, 301),
  asset_sfx_applause_short: (D) => applause(D, 14, 0.05, 0.6, 302),
  asset_sfx_footsteps: footsteps,
  asset_sfx_footsteps_running: footstepsRunning,
  asset_sfx_confetti: confetti,
  asset_sfx_door_open: doorOpen,
  asset_sfx_door_close: doorClose,
  asset_sfx_typing: typing,
  asset_sfx_notification: notification,
  asset_ambient_crowd: crowd,
  asset_ambient_crowd_excited: crowdExcited,
  asset_ambient_nature: nature,
  asset_ambient_nature_rain: natureRain,
  asset_ambient_city: city,
  asset_ambient_city_night: cityNight,
  asset_ambient_office: office,
  asset_ambient_theater: theater,
  asset_ambient_factory: factory,
  asset_ambient_cafe: cafe,
  asset_ambient_ocean: ocean,
  asset_transition_swoosh: swoosh,
  asset_transition_fade: fade,
  asset_transition_glitch: glitch,
  asset_transition_boom: boom,
  asset_transition_reverse: reverse,
  asset_transition_rise: rise,
};
