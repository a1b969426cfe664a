/**
 * Part of `just bench`: median time to parse + validate a ~100 KB storyboard (50 scenes, a
 * 100-element timeline), as JSON and as YAML, next to plain JSON.parse of the same JSON bytes.
 */
import { stringify } from "yaml";
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

async function main() {
  const doc = bigStoryboard();
  const json = JSON.stringify(doc);
  const yaml = stringify(doc);
  const check = await validateStoryboard(JSON.parse(json));
  if (!check.valid) throw new Error(`benchmark storyboard invalid: ${JSON.stringify(check.errors.slice(0, 3))}`);
  const full = async (text: string, format: "json" | "yaml") => {
    const parsed = parseStoryboardSource(text, format);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return validateStoryboard(parsed.source.value, { source: parsed.source });
  };
  const jsonParse = await time(() => JSON.parse(json), 200);
  const jsonFull = await time(() => full(json, "json"));
  const yamlFull = await time(() => full(yaml, "yaml"));
  const kb = (s: string) => (Buffer.byteLength(s) / 1024).toFixed(1);
  process.stdout.write(`\nstoryboard: 50 scenes, ${doc.timeline.length}-element timeline; JSON ${kb(json)} KB, YAML ${kb(yaml)} KB (median of 60)\n`);
  process.stdout.write(`JSON.parse alone                    ${jsonParse.toFixed(3)} ms\n`);
  process.stdout.write(`parse + validate (JSON)             ${jsonFull.toFixed(3)} ms   ${(jsonFull / jsonParse).toFixed(1)}x JSON.parse\n`);
  process.stdout.write(`parse + validate (YAML)             ${yamlFull.toFixed(3)} ms   ${(yamlFull / jsonParse).toFixed(1)}x JSON.parse\n`);
  await hostileRatios(yaml, await time(() => parseStoryboardSource(yaml, "yaml"), 20));
}

main().catch((err: unknown) => {
  process.stderr.write(`bench-storyboard failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
