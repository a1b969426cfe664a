import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderAnimatic } from "./animatic";
import { FfmpegError, probe } from "./ffmpeg";
import { framesAt, meanAbsDiff, stillImage } from "./test-media";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "framecast-animatic-test-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const scene = { sceneId: "storm", prompt: "@keeper climbs the stairs: 100% {sure}, it's \\ late", duration: 2.3, width: 320, height: 180, fps: 25 };

describe("renderAnimatic (spec part 4 §3, local backend)", () => {
  it("renders a title card clip with the request's frame count, size and rate; the gradient moves", async () => {
    const outPath = path.join(dir, "card.mp4");
    const { duration } = await renderAnimatic({ ...scene, outPath });
    const info = await probe(outPath);
    expect(Number.isInteger(Math.round(duration * 25 * 1e6) / 1e6)).toBe(true);
    expect(info.duration).toBeCloseTo(duration, 6);
    expect(Math.abs(info.duration - scene.duration)).toBeLessThanOrEqual(1 / 25);
    expect(info).toMatchObject({ width: 320, height: 180, fps: 25, videoCodec: "h264", hasAudio: false });
    const [first, last] = await framesAt(outPath, [0, 2.2], 25, "64x36");
    expect(meanAbsDiff(first!, last!)).toBeGreaterThan(1);
  });

  it("renders a reference image (any aspect) with a slow zoom", async () => {
    const image = await stillImage(path.join(dir, "ref.png"), "testsrc2=s=400x300");
    const outPath = path.join(dir, "zoom.mp4");
    await renderAnimatic({ ...scene, duration: 2, fps: 24, imagePath: image, outPath });
    const info = await probe(outPath);
    expect(info).toMatchObject({ duration: 2, width: 320, height: 180, fps: 24 });
    const [first, last] = await framesAt(outPath, [0, 1.95], 24, "64x36");
    expect(meanAbsDiff(first!, last!)).toBeGreaterThan(2);
  });

  // Its speed is measured by `just bench-render` (against one plain ffmpeg command), not here.
  it("renders a 5 s 1280x720 clip", async () => {
    const outPath = path.join(dir, "hd.mp4");
    await renderAnimatic({ ...scene, prompt: scene.prompt.repeat(8), duration: 5, width: 1280, height: 720, fps: 24, outPath });
    expect(await probe(outPath)).toMatchObject({ duration: 5, width: 1280, height: 720, fps: 24 });
  });

  it("encodes the clip as an intermediate (x264 ultrafast: the stitch encodes it again)", async () => {
    const outPath = path.join(dir, "draft.mp4");
    await renderAnimatic({ ...scene, outPath });
    // x264 writes its settings into the stream; ultrafast is the only preset without CABAC and subpixel estimation.
    const settings = /x264 - core [^\0]*?options: ([^\0]+?)\0/.exec((await fs.readFile(outPath)).toString("latin1"))?.[1] ?? "";
    expect(settings).toMatch(/\bcabac=0\b/);
    expect(settings).toMatch(/\bsubme=0\b/);
  });

  it("stops ffmpeg when aborted", async () => {
    const controller = new AbortController();
    const rendering = renderAnimatic({ ...scene, duration: 30, width: 1280, height: 720, outPath: path.join(dir, "long.mp4") }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    await expect(rendering).rejects.toMatchObject({ name: "FfmpegError", reason: "aborted" });
    await expect(rendering).rejects.toBeInstanceOf(FfmpegError);
  });
});
