import { execFile } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { buckets, s3 } from "@/lib/storage/s3";
import { userUrn } from "@/lib/urn";
import { starter } from "../helpers/fixtures";

const run = promisify(execFile);

async function key(userId: string, revokedDaysAgo: number | null) {
  const id = randomUUID();
  const hash = createHash("sha256").update(id).digest("hex");
  await db().execute(sql`
    insert into api_keys (id, user_id, owner, name, key_prefix, key_hash, created_at, revoked_at)
    values (${id}, ${userId}, ${userUrn(userId)}, 'k', 'sk_live_x', ${hash}, now() - interval '60 days',
            ${revokedDaysAgo === null ? null : sql`now() - make_interval(days => ${revokedDaysAgo})`})`);
  return id;
}

describe("just cleanup (spec part 4 §8)", () => {
  it("purges revoked keys > 30 days and sent outbox rows > 7 days; keeps the rest", async () => {
    const s = await starter();
    const old = await key(s.sub, 31);
    const recent = await key(s.sub, 2);
    const live = await key(s.sub, null);
    await db().execute(sql`insert into outbox (name, payload, sent_at, created_at) values ('framecast/old', '{}', now() - interval '8 days', now() - interval '8 days')`);
    await db().execute(sql`insert into outbox (name, payload) values ('framecast/pending', '{}')`);
    const out = await run("node_modules/.bin/tsx", ["scripts/cleanup.ts"], { env: { ...process.env, LOG_LEVEL: "silent" } });
    expect(out.stdout).toContain("1 API keys revoked more than 30 days ago");
    const keys = await db().execute<{ id: string }>(sql`select id from api_keys where user_id = ${s.sub}`);
    expect(keys.map((k) => k.id).sort()).toEqual([recent, live].sort());
    expect(keys.map((k) => k.id)).not.toContain(old);
    const names = await db().execute<{ name: string }>(sql`select name from outbox where name in ('framecast/old', 'framecast/pending')`);
    expect(names.map((n) => n.name)).toEqual(["framecast/pending"]);
  });

  it("removes asset uploads pending or failed for more than a day, with their objects (final and staging); keeps ready and recent ones", async () => {
    const s = await starter();
    const owner = userUrn(s.sub);
    const row = async (status: string, hoursAgo: number) => {
      const id = randomUUID();
      const key = `user/${s.sub}/assets/${id}/f.png`;
      const staging = `staging/user/${s.sub}/assets/${id}/f.png`;
      for (const Key of [key, staging]) await s3().send(new PutObjectCommand({ Bucket: buckets().assets, Key, Body: "x" }));
      await db().execute(sql`
        insert into asset_files (id, owner, uploaded_by, filename, s3_key, content_type, size_bytes, status, created_at, updated_at)
        values (${id}, ${owner}, ${s.sub}, 'f.png', ${key}, 'image/png', 1, ${status}, now() - make_interval(hours => ${hoursAgo}), now())`);
      return { id, key, staging };
    };
    const exists = (Key: string) => s3().send(new HeadObjectCommand({ Bucket: buckets().assets, Key })).then(() => true, () => false);
    const stale = await row("pending", 30);
    const failed = await row("failed", 48);
    const ready = await row("ready", 72);
    const fresh = await row("pending", 1);
    // ready an hour ago; its staging object was PUT again after confirm, while the upload URL was valid
    const resent = await row("ready", 1);
    await run("node_modules/.bin/tsx", ["scripts/cleanup.ts"], { env: { ...process.env, LOG_LEVEL: "silent" } });
    const left = await db().execute<{ id: string }>(sql`select id from asset_files where owner = ${owner}`);
    expect(left.map((r) => r.id).sort()).toEqual([ready.id, fresh.id, resent.id].sort());
    for (const gone of [stale.key, stale.staging, failed.key, failed.staging, resent.staging]) expect(await exists(gone), gone).toBe(false);
    for (const kept of [ready.key, fresh.staging, resent.key]) expect(await exists(kept), kept).toBe(true);
  });
});
