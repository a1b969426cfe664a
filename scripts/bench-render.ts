/**
 * `just bench-render`: wall time of the welcome storyboard through the whole local pipeline
 * (POST /v1/generate → completed: runner, worker animatics, stitch, upload) on the built app, then
 * the stitch alone — our stitcher vs one hand-written ffmpeg command doing the same job on the same
 * clips and sounds (the baseline for the ratio).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { stitch } from "@/lib/render/stitch";
import { buildPlan } from "@/lib/storyboard/playback";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { startStack } from "./lib/stack";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- API responses

async function api(base: string, token: string, p: string, init: RequestInit = {}): Promise<Json> {
  const res = await fetch(`${base}${p}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Json;
}

async function download(url: string, file: string) {
  const res = await fetch(url);
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return file;
}

/** The welcome storyboard's stitch written by hand as one ffmpeg command. */
function handWritten(f: Record<string, string>, out: string): string[] {
  const graph = [
    "[0:v][1:v]xfade=transition=fade:duration=1:offset=4,format=yuv420p[v]",
    "[2:a]aloop=loop=-1:size=2e9,atrim=0:9,volume=0.35[amb]",
    "[3:a]atrim=0:5,afade=t=in:d=1,volume=0.5[m1]",
    "[4:a]adelay=500:all=1,volume=0.8[s1]",
    "[5:a]adelay=3500:all=1,volume=0.7[s2]",
    "[6:a]atrim=0:5,afade=t=in:d=1.5,afade=t=out:st=4:d=1,volume=0.6,adelay=4000:all=1[m2]",
    "[7:a]adelay=6000:all=1,volume=0.4[s3]",
    "[8:a]adelay=4000:all=1,volume=0.6[tr]",
    "[amb][m1][s1][s2][m2][s3][tr]amix=inputs=7:normalize=0:duration=first,atrim=0:9[a]",
  ].join(";");
  const inputs = ["storm", "dawn", "asset_ambient_ocean", "asset_music_tense_minimal", "asset_sfx_footsteps", "asset_sfx_door_open", "asset_music_peaceful", "asset_sfx_pop", "asset_transition_swoosh"];
  return [
    "-y", "-loglevel", "error",
    ...inputs.flatMap((k) => ["-i", f[k]!]),
    "-filter_complex", graph, "-map", "[v]", "-map", "[a]",
    "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
    "-c:a", "aac", "-b:a", "160k", "-ar", "48000", "-ac", "2", "-movflags", "+faststart", "-t", "9", out,
  ];
}

async function main() {
  const stack = await startStack({ LOG_LEVEL: "warn" });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-render-"));
  try {
    const signIn = await fetch(`${stack.base}/api/auth/local`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `render-bench-${Date.now()}@example.com` }),
    });
    const { access_token: token } = (await signIn.json()) as { access_token: string };
    const t0 = performance.now();
    const job = await api(stack.base, token, "/v1/generate", { method: "POST", body: JSON.stringify({ spec: WELCOME_SPEC }) });
    let detail: Json = job;
    while (!detail.is_terminal) {
      await new Promise((r) => setTimeout(r, 200));
      detail = await api(stack.base, token, `/v1/jobs/${job.id}`);
    }
    const wall = (performance.now() - t0) / 1000;
    if (detail.status !== "completed") throw new Error(`job ${detail.status}: ${JSON.stringify(detail.error)}`);

    const files: Record<string, string> = {};
    for (const s of detail.scene_previews as { scene_id: string; url: string }[]) files[s.scene_id] = await download(s.url, path.join(dir, `${s.scene_id}.mp4`));
    for (const id of ["asset_ambient_ocean", "asset_music_tense_minimal", "asset_sfx_footsteps", "asset_sfx_door_open", "asset_music_peaceful", "asset_sfx_pop", "asset_transition_swoosh"]) {
      const a = await api(stack.base, token, `/v1/system-assets/${id}`);
      files[id] = await download(a.preview_url as string, path.join(dir, `${id}.ogg`));
    }
    const plan = buildPlan(WELCOME_SPEC);
    const audio = new Map(Object.entries(files).filter(([k]) => k.startsWith("asset_")));
    const clips = new Map([["storm", files.storm!], ["dawn", files.dawn!]]);
    // As the render step does: the catalog's durations, so the sounds are not probed again.
    const audioDurations = new Map<string, number>();
    for (const id of audio.keys()) audioDurations.set(id, Number((await api(stack.base, token, `/v1/system-assets/${id}`)).duration_seconds));
    const s0 = performance.now();
    await stitch({ storyboard: WELCOME_SPEC, plan, clips, audio, audioDurations, width: 1280, height: 720, fps: 24, outPath: path.join(dir, "ours.mp4"), thumbPath: path.join(dir, "t.jpg") });
    const ours = (performance.now() - s0) / 1000;
    const h0 = performance.now();
    const r = spawnSync("ffmpeg", handWritten(files, path.join(dir, "hand.mp4")), { stdio: "inherit" });
    if (r.status !== 0) throw new Error("hand-written ffmpeg command failed");
    const hand = (performance.now() - h0) / 1000;
    process.stdout.write(
      `\nwelcome storyboard (9 s, 1280x720, 24 fps, 2 scenes, fade, 7 sounds)\n` +
        `whole pipeline, POST /v1/generate → completed: ${wall.toFixed(1)} s (job says generation_time_ms ${detail.output.metadata.generation_time_ms})\n` +
        `stitch: ours ${ours.toFixed(2)} s (incl. thumbnail), one hand-written ffmpeg command ${hand.toFixed(2)} s, ratio ${(ours / hand).toFixed(2)}x\n`,
    );
  } finally {
    if (process.env.BENCH_KEEP_DIR) process.stdout.write(`files kept in ${dir}\n`);
    else fs.rmSync(dir, { recursive: true, force: true });
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
