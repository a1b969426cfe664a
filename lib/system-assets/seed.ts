/**
 * Loads the system asset catalog: synthesizes each sound, uploads it to
 * `system/<category>/<name>.ogg` in the system bucket and upserts its row. Idempotent: an asset
 * whose object already holds what its recipe produces (same recipe hash in the object metadata,
 * same size as the row) is neither synthesized nor uploaded again, unless `force`.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { DbOrTx } from "@/lib/db/client";
import { buckets, s3 } from "@/lib/storage/s3";
import { SYSTEM_ASSETS, SYSTEM_ASSET_FORMAT, SYSTEM_ASSET_IDS, systemAssetKey, type SystemAssetEntry } from "./catalog";
import {
  countSystemAssets,
  deleteSystemAssetRows,
  staleSystemAssetRows,
  systemAssetRows,
  upsertSystemAsset,
  type SystemAssetValues,
} from "./queries";
import type { SystemAssetRow } from "./schemas";
import { recipeHash, synthesize } from "./synth";

/** Object metadata key holding the recipe hash the file was made from. */
const HASH_KEY = "recipe-sha256";

export interface SeedOptions {
  s3?: S3Client;
  /** Default: `buckets().system` (S3_BUCKET_SYSTEM, else the assets bucket). */
  bucket?: string;
  /** Synthesize and upload every asset again. */
  force?: boolean;
  /** Only these ids (default: the whole catalog; rows not in the catalog are then removed). */
  only?: readonly string[];
  /** Parallel syntheses (default 2). */
  concurrency?: number;
  onProgress?: (line: string) => void;
}

export interface SeedResult {
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Assets whose file was synthesized (and uploaded) in this run. */
  synthesized: string[];
  /** Rows (and their files) removed because the catalog no longer has them. */
  removed: string[];
  seconds: number;
}

type Outcome = "created" | "updated" | "unchanged";

async function headObject(client: S3Client, Bucket: string, Key: string) {
  try {
    const head = await client.send(new HeadObjectCommand({ Bucket, Key }));
    return { size: head.ContentLength ?? -1, hash: head.Metadata?.[HASH_KEY] };
  } catch (err) {
    if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
    throw err;
  }
}

function sameRow(row: SystemAssetRow, v: SystemAssetValues): boolean {
  return (
    row.category === v.category &&
    row.name === v.name &&
    row.description === v.description &&
    Number(row.durationSeconds) === v.durationSeconds &&
    row.s3Key === v.s3Key &&
    row.contentType === v.contentType &&
    row.sizeBytes === v.sizeBytes &&
    row.tags.length === v.tags.length &&
    row.tags.every((t, i) => t === v.tags[i])
  );
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export async function seedSystemAssets(db: DbOrTx, opts: SeedOptions = {}): Promise<SeedResult> {
  const started = performance.now();
  const client = opts.s3 ?? s3();
  const bucket = opts.bucket ?? buckets().system;
  const say = opts.onProgress ?? (() => {});
  const entries = opts.only ? SYSTEM_ASSETS.filter((a) => opts.only!.includes(a.id)) : SYSTEM_ASSETS;
  const unknown = (opts.only ?? []).filter((id) => !SYSTEM_ASSET_IDS.includes(id));
  if (unknown.length) throw new Error(`not in the catalog: ${unknown.join(", ")}`);

  const rows = new Map((await systemAssetRows(db, entries.map((e) => e.id))).map((r) => [r.id, r]));
  const result: SeedResult = { created: [], updated: [], unchanged: [], synthesized: [], removed: [], seconds: 0 };
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "framecast-seed-"));
  const width = String(entries.length).length;
  let done = 0;

  async function seedOne(entry: SystemAssetEntry): Promise<void> {
    const t0 = performance.now();
    const Key = systemAssetKey(entry);
    const hash = recipeHash(entry);
    const row = rows.get(entry.id);
    const head = await headObject(client, bucket, Key);
    const current = !opts.force && head !== null && head.hash === hash && (!row || row.sizeBytes === head.size);
    let size = head?.size ?? 0;
    if (!current) {
      const made = await synthesize(entry, dir);
      const Body = await fs.readFile(made.file);
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key,
          Body,
          ContentType: SYSTEM_ASSET_FORMAT.contentType,
          ContentLength: Body.length,
          Metadata: { [HASH_KEY]: hash },
        }),
      );
      await fs.rm(made.file, { force: true });
      size = Body.length;
      result.synthesized.push(entry.id);
    }
    const values: SystemAssetValues = {
      id: entry.id,
      category: entry.category,
      name: entry.name,
      description: entry.description,
      durationSeconds: entry.seconds,
      s3Key: Key,
      contentType: SYSTEM_ASSET_FORMAT.contentType,
      sizeBytes: size,
      tags: [...entry.tags],
    };
    let outcome: Outcome = "unchanged";
    if (!row) outcome = "created";
    else if (!current || !sameRow(row, values)) outcome = "updated";
    if (outcome !== "unchanged") await upsertSystemAsset(db, values);
    result[outcome].push(entry.id);
    done += 1;
    const what = current ? "file up to date" : `synthesized ${kb(size)}`;
    say(`[${String(done).padStart(width)}/${entries.length}] ${entry.id.padEnd(32)} ${outcome.padEnd(9)} ${what} (${((performance.now() - t0) / 1000).toFixed(2)} s)`);
  }

  try {
    const queue = [...entries];
    const workers = Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 2, queue.length)) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await seedOne(next);
    });
    await Promise.all(workers);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }

  if (!opts.only) {
    const stale = await staleSystemAssetRows(db, SYSTEM_ASSET_IDS);
    for (const row of stale) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: row.s3Key }));
      say(`removed ${row.id} (no longer in the catalog)`);
    }
    await deleteSystemAssetRows(
      db,
      stale.map((r) => r.id),
    );
    result.removed = stale.map((r) => r.id);
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/** Seeds when the catalog is not complete in the database (what `just dev` runs at start). */
export async function ensureSystemAssets(db: DbOrTx, opts: SeedOptions = {}): Promise<SeedResult | null> {
  if ((await countSystemAssets(db, SYSTEM_ASSET_IDS)) >= SYSTEM_ASSET_IDS.length) return null;
  return seedSystemAssets(db, opts);
}

export function seedSummary(r: SeedResult): string {
  const removed = r.removed.length ? `, ${r.removed.length} removed` : "";
  return `system assets: ${r.created.length} created, ${r.updated.length} updated, ${r.unchanged.length} unchanged${removed} (${r.synthesized.length} synthesized) in ${r.seconds.toFixed(1)} s`;
}
