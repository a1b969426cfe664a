/**
 * Part of `just bench`: parse + validate of a ~90 KB storyboard (50 scenes, a 100-element
 * timeline) as a ratio to a floor measured in the same run — JSON against plain JSON.parse of the
 * same bytes, YAML against the yaml library's own parse of the same text. Each ratio is the median
 * of 3 rounds (each round: median of many runs of the floor, then of ours), so it holds on a noisy
 * machine. Prints, e.g.:
 *
 *   parse-json/JSON.parse 3.4× (goal ≤ 5×)  ours 0.31 ms, JSON.parse 0.09 ms, 89.7 KB
 *   parse-yaml/yaml 1.1× (goal ≤ 1.2×)  ours 41.2 ms, yaml.parse 37.5 ms, 96.1 KB
 */
import { parse as parseYamlLibrary, stringify } from "yaml";
import { parseStoryboardSource } from "@/lib/storyboard/parse";
import { validateStoryboard } from "@/lib/storyboard/validate";

function bigStoryboard() {
  const words = "waves crash against the old stone lighthouse while gulls circle in the grey morning light ";
  const scenes = Array.from({ length: 50 }, (_, i) => ({
    id: `scene-${i}`,
    prompt: `@keeper shot ${i}: ${words.repeat(20)}`.slice(0, 1480),
    duration: 5,
    audio: { sfx: [{ asset_id: "asset_sfx_whoosh", start: 0.5, volume: 0.7, trigger: `the camera swings past the lantern room window as the beam sweeps across the water in shot ${i}, catching spray in the light`.slice(0, 140) }], music: { asset_id: "asset_music_peaceful", volume: 0.4 } },
  }));
  const timeline: object[] = [];
  scenes.forEach((s, i) => {
    timeline.push({ scene: s.id });
    if (i < 49) timeline.push({ transition: i % 2 ? "dissolve" : "cut" });
  });
  timeline.push({ flashback: { scenes: ["scene-0"], treatment: { desaturate: 0.7 } } });
  return { title: "Benchmark", symbols: { keeper: { prompt: "an old lighthouse keeper" } }, scenes, timeline };
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(fn: () => unknown | Promise<unknown>, runs = 60) {
  for (let i = 0; i < 5; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

/** Hostile documents the parser must refuse cheaply: each timed as a ratio to a benign parse of the same size. */
function hostileDocuments(): Array<[string, string, "yaml" | "json", number]> {
  const laughs = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 9; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`);
  const deep = (d: number) => `a: ${"[".repeat(d)}${"]".repeat(d)}`;
  const fill = (unit: string, prefix: string) => prefix + unit.repeat(Math.floor((100 * 1024 - prefix.length - 2) / unit.length));
  // [name, text, format, goal: at most this many times the benign parse]
  return [
    ["billion laughs (YAML aliases)", laughs.join("\n"), "yaml", 10],
    ["10,000-deep flow YAML", deep(10_000), "yaml", 20],
    ["10,000-deep JSON", `{"a": ${"[".repeat(10_000)}${"]".repeat(10_000)}}`, "json", 20],
    ["100 KB of YAML errors", fill("\t- x\n", "a:\n"), "yaml", 50],
    ["1 MB document (refused before parsing)", `title: "${"x".repeat(1024 * 1024)}"`, "yaml", 1],
  ];
}

async function hostileRatios(benignYaml: string, benignMs: number) {
  process.stdout.write(`\nhostile documents (median of 20) vs parsing the benign ${(Buffer.byteLength(benignYaml) / 1024).toFixed(1)} KB YAML (${benignMs.toFixed(3)} ms)\n`);
  for (const [name, text, format, goal] of hostileDocuments()) {
    const ms = await time(() => {
      if (parseStoryboardSource(text, format).ok) throw new Error(`${name} was accepted`);
    }, 20);
    const ratio = ms / benignMs;
    process.stdout.write(`${name.padEnd(42)} ${ratio.toFixed(2)}x (goal ≤ ${goal}x)${ratio > goal ? "  MISSED" : ""}\n`);
  }
}

/** One bench row: the median over 3 rounds of (ours / floor), each side a median of `runs`. */
async function ratioRow(name: string, goal: number, floorName: string, floor: () => unknown, ours: () => unknown, runs: number, bytes: number) {
  const rounds: Array<{ ratio: number; oursMs: number; floorMs: number }> = [];
  for (let r = 0; r < 3; r++) {
    const floorMs = await time(floor, runs);
    const oursMs = await time(ours, runs);
    rounds.push({ ratio: oursMs / floorMs, oursMs, floorMs });
  }
  const mid = [...rounds].sort((a, b) => a.ratio - b.ratio)[1]!;
  const details = `ours ${mid.oursMs.toFixed(3)} ms, ${floorName} ${mid.floorMs.toFixed(3)} ms, ${(bytes / 1024).toFixed(1)} KB (rounds ${rounds.map((x) => x.ratio.toFixed(2)).join(", ")})`;
  process.stdout.write(`${name} ${mid.ratio.toFixed(1)}× (goal ≤ ${goal}×)${mid.ratio > goal ? " MISSED" : ""}  ${details}\n`);
}

async function main() {
  const doc = bigStoryboard();
  const json = JSON.stringify(doc);
  const yaml = stringify(doc);
  const check = await validateStoryboard(JSON.parse(json));
  if (!check.valid) throw new Error(`benchmark storyboard invalid: ${JSON.stringify(check.errors.slice(0, 3))}`);
  const full = async (text: string, format: "json" | "yaml") => {
    const parsed = parseStoryboardSource(text, format);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const result = await validateStoryboard(parsed.source.value, { source: parsed.source });
    if (!result.valid) throw new Error(`benchmark storyboard invalid as ${format}`);
  };
  process.stdout.write(`\nstoryboard: 50 scenes, ${doc.timeline.length}-element timeline, parse + validate (medians of 3 rounds)\n`);
  await ratioRow("parse-json/JSON.parse", 5, "JSON.parse", () => JSON.parse(json), () => full(json, "json"), 200, Buffer.byteLength(json));
  await ratioRow("parse-yaml/yaml", 1.2, "yaml.parse", () => parseYamlLibrary(yaml), () => full(yaml, "yaml"), 30, Buffer.byteLength(yaml));
  await hostileRatios(yaml, await time(() => parseStoryboardSource(yaml, "yaml"), 20));
}

main().catch((err: unknown) => {
  process.stderr.write(`bench-storyboard failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
