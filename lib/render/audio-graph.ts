/**
 * The audio half of the stitch filtergraph: each cue cut to the time it may play (looped first if
 * asked), set to its volume, faded, delayed to its start, and all of them mixed without
 * normalisation over silence of exactly the video's length, 48 kHz stereo.
 */
import type { AudioCue } from "./audio-plan";

export const SAMPLE_RATE = 48_000;
/** aloop's largest buffer: in effect "loop the whole sound", however long it is. */
const LOOP_ALL = 2 ** 31 - 1;

export interface AudioSource {
  /** ffmpeg input index. */
  input: number;
  /** The sound's own length (probed), seconds. */
  duration: number;
}

export interface PlacedCue {
  cue: AudioCue;
  /** Seconds it plays, after looping, cutting to its span and to the end of the video. */
  length: number;
}

const num = (x: number) => Number(x.toFixed(6));

/** How long a cue actually plays; 0 = not at all. */
export function cueLength(cue: AudioCue, sourceSeconds: number, total: number): number {
  const wanted = cue.duration ?? sourceSeconds;
  const own = cue.loop ? wanted : Math.min(wanted, sourceSeconds);
  return Math.max(0, Math.min(own, total - cue.start));
}

function cueChain(p: PlacedCue, from: string, label: string): string {
  const { cue, length } = p;
  const fadeIn = Math.min(cue.fadeIn, length);
  const fadeOut = Math.min(cue.fadeOut, length);
  const chain = [
    ...(cue.loop ? [`aloop=loop=-1:size=${LOOP_ALL}`] : []),
    `atrim=end=${num(length)}`,
    "asetpts=PTS-STARTPTS",
    `volume=${num(cue.volume)}`,
    ...(fadeIn > 0 ? [`afade=t=in:st=0:d=${num(fadeIn)}`] : []),
    ...(fadeOut > 0 ? [`afade=t=out:st=${num(length - fadeOut)}:d=${num(fadeOut)}`] : []),
    ...(cue.start > 0 ? [`adelay=delays=${Math.round(cue.start * SAMPLE_RATE)}S:all=1`] : []),
  ];
  return `[${from}]${chain.join(",")}[${label}]`;
}

export interface AudioGraph {
  filters: string[];
  output: string;
  placed: PlacedCue[];
}

export function buildAudioGraph(cues: readonly AudioCue[], sources: ReadonlyMap<string, AudioSource>, total: number): AudioGraph {
  const placed: PlacedCue[] = [];
  for (const cue of cues) {
    const src = sources.get(cue.ref);
    if (!src) throw new Error(`no input for audio ${cue.ref}`);
    const length = cueLength(cue, src.duration, total);
    if (length >= 0.001) placed.push({ cue, length });
  }
  const filters = [`anullsrc=r=${SAMPLE_RATE}:cl=stereo,atrim=end=${num(total)}[abase]`];
  const byRef = new Map<string, number[]>();
  placed.forEach((p, i) => byRef.set(p.cue.ref, [...(byRef.get(p.cue.ref) ?? []), i]));
  const from: string[] = [];
  for (const [ref, uses] of byRef) {
    const input = sources.get(ref)!.input;
    const outs = uses.map((i) => `as${i}`);
    const split = uses.length > 1 ? `,asplit=${uses.length}` : "";
    filters.push(`[${input}:a]aresample=${SAMPLE_RATE},aformat=sample_fmts=fltp:channel_layouts=stereo${split}${outs.map((o) => `[${o}]`).join("")}`);
    uses.forEach((i, k) => (from[i] = outs[k]!));
  }
  placed.forEach((p, i) => filters.push(cueChain(p, from[i]!, `ac${i}`)));
  const mixIn = ["abase", ...placed.map((_, i) => `ac${i}`)].map((l) => `[${l}]`).join("");
  filters.push(`${mixIn}amix=inputs=${placed.length + 1}:duration=first:normalize=0,atrim=end=${num(total)}[aout]`);
  return { filters, output: "aout", placed };
}
