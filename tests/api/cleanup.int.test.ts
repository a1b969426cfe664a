import { execFile } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
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
});
