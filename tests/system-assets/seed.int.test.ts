/**
 * The seed against real PostgreSQL and the harness's S3: every file is downloaded, probed and decoded.
 * It writes to a bucket of its own so that the endpoint tests (default bucket) never race with it.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand } from "@aws-sdk/client-s3";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { s3 } from "@/lib/storage/s3";
import { SYSTEM_ASSETS, SYSTEM_ASSET_IDS, systemAssetById, systemAssetKey } from "@/lib/system-assets/catalog";
import { seedSummary, seedSystemAssets } from "@/lib/system-assets/seed";

const run = promisify(execFile);
const bucket = `framecast-seedtest-${randomBytes(4).toString("hex")}`;
let dir: string;

async function download(key: string): Promise<Buffer> {
  const res = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await res.Body!.transformToByteArray());
}

async function probe(file: string) {
  const { stdout } = await run("ffprobe", ["-v", "error", "-show_entries", "stream=codec_type,codec_name,sample_rate,channels:format=duration", "-of", "json", file]);
  const info = JSON.parse(stdout) as { streams: { codec_type: string; codec_name: string; sample_rate: string; channels: number }[]; format: { duration: string } };
  // Decode it all: any corrupt packet fails here (-xerror), and the samples give the level.
  const { stdout: pcm } = await run("ffmpeg", ["-v", "error", "-xerror", "-i", file, "-f", "f32le", "-ac", "2", "-"], { encoding: "buffer", maxBuffer: 64 << 20 });
  let peak = 0;
  let energy = 0;
  for (let i = 0; i + 4 <= pcm.length; i += 4) {
    const v = pcm.readFloatLE(i);
    peak = Math.max(peak, Math.abs(v));
    energy += v * v;
  }
  return { ...info, duration: Number(info.format.duration), peak, rms: Math.sqrt(energy / (pcm.length / 4)), decodedSeconds: pcm.length / 8 / 48_000 };
}

/** Runs `fn` over `items`, `n` at a time. */
async function pool<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(Array.from({ length: n }, async () => { for (let x = queue.shift(); x !== undefined; x = queue.shift()) await fn(x); }));
}

describe("system asset seed (spec part 3 §5, part 4 §5)", () => {
  beforeAll(async () => {
    await s3().send(new CreateBucketCommand({ Bucket: bucket }));
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "framecast-seed-test-"));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("synthesizes and uploads all 42 sounds; each is Opus audio of its catalog length, audible and unclipped", async () => {
    const lines: string[] = [];
    const first = await seedSystemAssets(db(), { bucket, onProgress: (l) => lines.push(l) });
    expect(first.synthesized).toHaveLength(42);
    expect(first.created.length + first.updated.length + first.unchanged.length).toBe(42);
    expect(lines).toHaveLength(42);
    expect(seedSummary(first)).toMatch(/^system assets: \d+ created, \d+ updated, \d+ unchanged \(42 synthesized\) in [\d.]+ s$/);

    const rows = await db().execute<{ id: string; category: string; s3_key: string; size_bytes: number; duration_seconds: string; content_type: string; tags: string[] }>(
      sql`select id, category, s3_key, size_bytes::int, duration_seconds, content_type, tags from system_assets order by id`,
    );
    expect(rows.map((r) => r.id)).toEqual([...SYSTEM_ASSET_IDS].sort());

    let worst = 0;
    await pool(rows, 4, async (row) => {
      const entry = systemAssetById(row.id)!;
      expect(row.s3_key).toBe(systemAssetKey(entry));
      expect(row.s3_key).toMatch(new RegExp(`^system/${entry.category}/${entry.name}\\.ogg$`));
      expect(row.content_type).toBe("audio/ogg");
      expect(Number(row.duration_seconds)).toBe(entry.seconds);
      expect(row.tags).toEqual(entry.tags);
      const bytes = await download(row.s3_key);
      expect(bytes.length, row.id).toBe(row.size_bytes);
      expect(bytes.subarray(0, 4).toString("latin1")).toBe("OggS");
      const file = path.join(dir, `${row.id}.ogg`);
      await fs.writeFile(file, bytes);
      const p = await probe(file);
      const audio = p.streams.filter((s) => s.codec_type === "audio");
      expect(audio, row.id).toEqual([expect.objectContaining({ codec_name: "opus", sample_rate: "48000", channels: 2 })]);
      expect(Math.abs(p.duration - entry.seconds), `${row.id}: ffprobe says ${p.duration} s`).toBeLessThanOrEqual(0.05);
      expect(Math.abs(p.decodedSeconds - entry.seconds), `${row.id}: decodes to ${p.decodedSeconds} s`).toBeLessThanOrEqual(0.05);
      expect(p.peak, `${row.id} peak`).toBeLessThan(1);
      expect(20 * Math.log10(p.rms), `${row.id} RMS dBFS`).toBeGreaterThan(-45);
      worst = Math.max(worst, Math.abs(p.duration - entry.seconds));
    });
    expect(worst).toBeLessThanOrEqual(0.05);
  }, 900_000); // a hang catcher: 42 ffmpeg syntheses take minutes on a loaded 2-core machine

  it("re-running synthesizes nothing, changes nothing and adds no rows", async () => {
    const again = await seedSystemAssets(db(), { bucket });
    expect(again).toMatchObject({ created: [], updated: [], synthesized: [], removed: [] });
    expect(again.unchanged).toHaveLength(42);
    const [counts] = await db().execute<{ n: number; keys: number }>(sql`select count(*)::int as n, count(distinct s3_key)::int as keys from system_assets`);
    expect(counts).toEqual({ n: 42, keys: 42 });
  });

  it("redoes a file that went missing, and a row that drifted, and nothing else", async () => {
    const click = systemAssetById("asset_sfx_click")!;
    await s3().send(new DeleteObjectCommand({ Bucket: bucket, Key: systemAssetKey(click) }));
    await db().execute(sql`update system_assets set description = 'edited', tags = '{x}' where id = 'asset_sfx_impact_metal'`);
    const r = await seedSystemAssets(db(), { bucket });
    expect(r.synthesized).toEqual(["asset_sfx_click"]);
    expect(r.updated.sort()).toEqual(["asset_sfx_click", "asset_sfx_impact_metal"]);
    expect(r.unchanged).toHaveLength(40);
    const [metal] = await db().execute<{ description: string; tags: string[] }>(sql`select description, tags from system_assets where id = 'asset_sfx_impact_metal'`);
    expect(metal).toEqual({ description: systemAssetById("asset_sfx_impact_metal")!.description, tags: [...systemAssetById("asset_sfx_impact_metal")!.tags] });
    expect((await download(systemAssetKey(click))).length).toBeGreaterThan(0);
  });

  it("--force redoes every file (only: limits a run), and stray rows not in the catalog are removed", async () => {
    const forced = await seedSystemAssets(db(), { bucket, force: true, only: ["asset_sfx_pop", "asset_transition_glitch"] });
    expect(forced.synthesized.sort()).toEqual(["asset_sfx_pop", "asset_transition_glitch"]);
    expect(forced.updated.sort()).toEqual(["asset_sfx_pop", "asset_transition_glitch"]);
    await expect(seedSystemAssets(db(), { bucket, only: ["asset_sfx_lava"] })).rejects.toThrow(/not in the catalog/);

    await db().execute(sql`insert into system_assets (id, category, name, description, duration_seconds, s3_key, content_type, size_bytes)
      values ('asset_sfx_retired', 'sfx', 'retired', 'gone', 1, 'system/sfx/retired.ogg', 'audio/ogg', 10)`);
    const r = await seedSystemAssets(db(), { bucket });
    expect(r.removed).toEqual(["asset_sfx_retired"]);
    expect(r.unchanged).toHaveLength(42);
    const [{ n }] = (await db().execute<{ n: number }>(sql`select count(*)::int as n from system_assets`)) as unknown as [{ n: number }];
    expect(n).toBe(SYSTEM_ASSETS.length);
  });
});
