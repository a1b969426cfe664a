/**
 * Database rules for api_keys (spec part 1 §3 api_keys, §5 A6/A7/X4): who may own a key, and
 * keys are immutable except for their name, last_used_at and revoked_at.
 */
import { afterAll, describe, expect, it } from "vitest";
import {
  connect,
  createCreator,
  createMember,
  createStarter,
  expectCheck,
  expectForeignKey,
  expectRule,
  expectUnique,
  membershipUrn,
  newKeyHash,
  teamUrn,
  uid,
  userUrn,
} from "./helpers";

const sql = connect();
afterAll(() => sql.end({ timeout: 5 }));

type Value = string | number | null | Date;

const insertKey = (userId: string, owner: string, cols: Record<string, Value> = {}) =>
  sql<{ id: string }[]>`insert into api_keys ${sql({
    user_id: userId,
    owner,
    key_prefix: "sk_live_abcdefgh",
    key_hash: newKeyHash(),
    ...cols,
  })} returning id`;

describe("api_keys constraints", () => {
  it("accepts a starter's personal key with default name and scopes (passing example)", async () => {
    const s = await createStarter(sql);
    const [k] = await insertKey(s.id, s.urn);
    const [row] = await sql`select name, scopes from api_keys where id = ${k!.id}`;
    expect(row).toEqual({ name: "Default", scopes: ["*"] });
  });

  it.each([
    ["no type prefix", (id: string) => `framecast:usr_${id}`],
    ["the seed's id alphabet", () => "framecast:user:usr_abc_def"],
    ["upper-case hex", (id: string) => `framecast:user:usr_${id.toUpperCase()}`],
    ["trailing text", (id: string) => `framecast:user:usr_${id}:x`],
  ])("api_keys_owner_urn: an owner with %s is rejected", async (_label, owner) => {
    const s = await createStarter(sql);
    await expectCheck(insertKey(s.id, owner(s.id)), "api_keys_owner_urn");
  });

  it("api_keys_name_len: an empty name is rejected", async () => {
    const s = await createStarter(sql);
    await expectCheck(insertKey(s.id, s.urn, { name: "" }), "api_keys_name_len");
  });

  it("api_keys_name_len: a name longer than 100 characters is rejected", async () => {
    const s = await createStarter(sql);
    await expectCheck(insertKey(s.id, s.urn, { name: "k".repeat(101) }), "api_keys_name_len");
  });

  it("api_keys_hash_format: a key hash that is not 64 lower-case hex characters is rejected", async () => {
    const s = await createStarter(sql);
    await expectCheck(insertKey(s.id, s.urn, { key_hash: "sk_live_raw_key_stored_by_mistake" }), "api_keys_hash_format");
    await expectCheck(insertKey(s.id, s.urn, { key_hash: newKeyHash().toUpperCase() }), "api_keys_hash_format");
  });

  it.each([
    ["a JSON object", '{"scope":"*"}'],
    ["an empty array", "[]"],
    ["a string", '"*"'],
  ])("api_keys_scopes_array: scopes that are %s are rejected", async (_label, scopes) => {
    const s = await createStarter(sql);
    await expectCheck(
      sql`insert into api_keys (user_id, owner, key_prefix, key_hash, scopes)
          values (${s.id}, ${s.urn}, 'sk_live_x', ${newKeyHash()}, ${scopes}::jsonb)`,
      "api_keys_scopes_array",
    );
  });

  it("api_keys_key_hash_key: a duplicate key hash is rejected", async () => {
    const a = await createStarter(sql);
    const b = await createStarter(sql);
    const hash = newKeyHash();
    await insertKey(a.id, a.urn, { key_hash: hash });
    await expectUnique(insertKey(b.id, b.urn, { key_hash: hash }), "api_keys_key_hash_key");
  });

  it("api_keys FK: a key of an unknown user is rejected", async () => {
    const id = uid();
    await expectForeignKey(insertKey(id, userUrn(id)), "api_keys_user_id_users_id_fk");
  });

  it("api_keys FK cascade: deleting a user deletes their keys", async () => {
    const s = await createStarter(sql);
    await insertKey(s.id, s.urn);
    await sql`delete from users where id = ${s.id}`;
    expect((await sql`select 1 from api_keys where user_id = ${s.id}`).length).toBe(0);
  });
});

describe("api_keys owner (A6 / A7 / X4)", () => {
  it("A6: a starter's key with a team URN is rejected", async () => {
    const s = await createStarter(sql);
    const c = await createCreator(sql);
    await expectRule(insertKey(s.id, c.teamUrn), "INV-A6/INV-A7");
  });

  it("A7: a starter's key with a membership URN naming the starter is rejected (needs a creator)", async () => {
    const s = await createStarter(sql);
    const c = await createCreator(sql);
    await expectRule(insertKey(s.id, membershipUrn(c.teamId, s.id)), "INV-A6/INV-A7");
  });

  it("personal URN: a key cannot be owned by another user's personal URN", async () => {
    const a = await createStarter(sql);
    const b = await createStarter(sql);
    await expectRule(insertKey(a.id, b.urn), "INV-URN");
  });

  it("owner URN: a URN that passes the loose CHECK regex but holds no UUID is rejected", async () => {
    const c = await createCreator(sql);
    await expectRule(insertKey(c.id, `framecast:team:tm_${"-".repeat(36)}`), "INV-URN");
  });

  it("A7/X4: a creator's keys with their team URN, membership URN and personal URN are accepted (passing example)", async () => {
    const c = await createCreator(sql);
    await insertKey(c.id, c.teamUrn);
    await insertKey(c.id, c.membershipUrn);
    await insertKey(c.id, c.urn);
    const rows = await sql`select owner from api_keys where user_id = ${c.id} order by owner`;
    expect(rows.map((r) => r.owner).sort()).toEqual([c.membershipUrn, c.teamUrn, c.urn].sort());
  });

  it("X4: a creator's key with the team URN of a team they are not a member of is rejected", async () => {
    const c = await createCreator(sql);
    const other = await createCreator(sql);
    await expectRule(insertKey(c.id, other.teamUrn), "INV-X4");
  });

  it("X4: a membership URN key naming another member is rejected", async () => {
    const c = await createCreator(sql);
    const m = await createMember(sql, c.teamId, "member");
    await expectRule(insertKey(c.id, m.membershipUrn), "INV-X4");
  });

  it("X4: a membership URN key for a team the creator is not in is rejected", async () => {
    const c = await createCreator(sql);
    const other = await createCreator(sql);
    await expectRule(insertKey(c.id, membershipUrn(other.teamId, c.id)), "INV-X4");
  });

  it("X4: a member's key with their own membership URN is accepted (passing example)", async () => {
    const c = await createCreator(sql);
    const m = await createMember(sql, c.teamId, "viewer");
    await insertKey(m.id, m.membershipUrn);
    await insertKey(m.id, teamUrn(c.teamId));
  });
});

describe("api_keys immutability", () => {
  const cases: [string, (k: { id: string; userId: string }) => Promise<unknown>][] = [
    ["owner", (k) => sql`update api_keys set owner = ${userUrn(uid())} where id = ${k.id}`],
    ["scopes", (k) => sql`update api_keys set scopes = '["jobs:read"]'::jsonb where id = ${k.id}`],
    ["key_hash", (k) => sql`update api_keys set key_hash = ${newKeyHash()} where id = ${k.id}`],
    ["key_prefix", (k) => sql`update api_keys set key_prefix = 'sk_live_zzzzzzzz' where id = ${k.id}`],
    ["user_id", (k) => sql`update api_keys set user_id = (select id from users where id <> ${k.userId} limit 1) where id = ${k.id}`],
    ["expires_at", (k) => sql`update api_keys set expires_at = now() + interval '1 year' where id = ${k.id}`],
    ["created_at", (k) => sql`update api_keys set created_at = now() - interval '1 day' where id = ${k.id}`],
  ];

  it.each(cases)("changing api_keys.%s is rejected", async (column, update) => {
    const s = await createStarter(sql);
    await createStarter(sql); // another user exists for the user_id case
    const [k] = await insertKey(s.id, s.urn);
    const e = await expectRule(update({ id: k!.id, userId: s.id }), "INV-KEY-IMMUTABLE");
    expect(e.message).toContain(`api_keys.${column}`);
  });

  it("name, last_used_at and revoked_at can change (passing example)", async () => {
    const s = await createStarter(sql);
    const [k] = await insertKey(s.id, s.urn, { expires_at: new Date(Date.now() + 86_400_000) });
    await sql`update api_keys set name = 'CI', last_used_at = now(), revoked_at = now(),
                                  expires_at = expires_at where id = ${k!.id}`;
    const [row] = await sql`select name, last_used_at is not null as used, revoked_at is not null as revoked
                            from api_keys where id = ${k!.id}`;
    expect(row).toEqual({ name: "CI", used: true, revoked: true });
  });
});
