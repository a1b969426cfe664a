/**
 * Database rules for users, teams, memberships and invitations (spec part 1 §1, §3, §5):
 * each test writes raw SQL and shows PostgreSQL itself rejecting the violating write.
 */
import { afterAll, describe, expect, it } from "vitest";
import { itConcurrent } from "../helpers/concurrency";
import {
  barrier,
  connect,
  createCreator,
  createMember,
  createOwnedTeams,
  createProject,
  createStarter,
  expectCheck,
  expectEnum,
  expectForeignKey,
  expectRule,
  expectUnique,
  hex,
  newEmail,
  newKeyHash,
  newSlug,
  tx,
  uid,
} from "./helpers";

const sql = connect();
afterAll(() => sql.end({ timeout: 5 }));

const insertUser = (cols: Record<string, unknown>) =>
  sql`insert into users ${sql({ id: uid(), email: newEmail(), ...cols } as Record<string, Value>)}`;
type Value = string | number | boolean | null | Date;

const ownerCount = async (teamId: string) =>
  Number((await sql`select count(*)::int as n from memberships where team_id = ${teamId} and role = 'owner'`)[0]!.n);

describe("users", () => {
  it("accepts a well-formed starter (passing example)", async () => {
    const u = await createStarter(sql);
    const [row] = await sql`select tier, credits, upgraded_at from users where id = ${u.id}`;
    expect(row).toMatchObject({ tier: "starter", credits: 0, upgraded_at: null });
  });

  it("users_email_len: an email shorter than 3 characters is rejected", async () => {
    await expectCheck(insertUser({ email: "ab" }), "users_email_len");
  });

  it("users_email_len: an email longer than 255 characters is rejected", async () => {
    await expectCheck(insertUser({ email: `${"a".repeat(251)}@x.io` }), "users_email_len");
  });

  it("users_name_len: a name longer than 100 characters is rejected", async () => {
    await expectCheck(insertUser({ name: "n".repeat(101) }), "users_name_len");
  });

  it("users_avatar_url_len: an avatar url longer than 2048 characters is rejected", async () => {
    await expectCheck(insertUser({ avatar_url: `https://x.io/${"a".repeat(2040)}` }), "users_avatar_url_len");
  });

  it("U5: negative credits are rejected (users_credits_nonneg)", async () => {
    await expectCheck(insertUser({ credits: -1 }), "users_credits_nonneg");
  });

  it("U6: negative storage bytes are rejected (users_storage_nonneg)", async () => {
    await expectCheck(insertUser({ ephemeral_storage_bytes: -1 }), "users_storage_nonneg");
  });

  it("U1: a starter with upgraded_at set is rejected (users_creator_iff_upgraded)", async () => {
    await expectCheck(sql`insert into users (id, email, upgraded_at) values (${uid()}, ${newEmail()}, now())`, "users_creator_iff_upgraded");
  });

  it("U1: a creator without upgraded_at is rejected (users_creator_iff_upgraded)", async () => {
    await expectCheck(insertUser({ tier: "creator" }), "users_creator_iff_upgraded");
  });

  it("users_updated_after_created: updated_at before created_at is rejected", async () => {
    await expectCheck(
      sql`insert into users (id, email, updated_at) values (${uid()}, ${newEmail()}, now() - interval '1 hour')`,
      "users_updated_after_created",
    );
  });

  it("users_email_key: a duplicate email is rejected", async () => {
    const u = await createStarter(sql);
    await expectUnique(insertUser({ email: u.email }), "users_email_key");
  });

  it("enum user_tier: an unknown tier is rejected", async () => {
    await expectEnum(insertUser({ tier: "pro" }), "user_tier");
  });

  it("U3: a creator cannot be downgraded to starter (creator is absorbing)", async () => {
    const c = await createCreator(sql);
    await expectRule(sql`update users set tier = 'starter', upgraded_at = null where id = ${c.id}`, "INV-U3");
    const [row] = await sql`select tier from users where id = ${c.id}`;
    expect(row!.tier).toBe("creator");
  });

  it("U2: upgrading a starter to creator without a membership is rejected at commit", async () => {
    const s = await createStarter(sql);
    await expectRule(
      tx(sql, async (q) => {
        await q`update users set tier = 'creator', upgraded_at = now() where id = ${s.id}`;
      }),
      "INV-U2",
    );
    const [row] = await sql`select tier from users where id = ${s.id}`;
    expect(row!.tier).toBe("starter");
  });

  it("U2: inserting a creator without any membership is rejected at commit", async () => {
    await expectRule(insertUser({ tier: "creator", upgraded_at: new Date() }), "INV-U2");
  });

  it("U2/T2: upgrade, team and owner membership in one transaction commit (passing example)", async () => {
    const s = await createStarter(sql);
    const teamId = uid();
    await tx(sql, async (q) => {
      await q`update users set tier = 'creator', upgraded_at = now() where id = ${s.id}`;
      await q`insert into teams (id, name, slug) values (${teamId}, 'My Team', ${newSlug()})`;
      await q`insert into memberships (team_id, user_id, role) values (${teamId}, ${s.id}, 'owner')`;
      await q`insert into projects (team_id, created_by, name) values (${teamId}, ${s.id}, 'Welcome to Framecast')`;
    });
    expect(await ownerCount(teamId)).toBe(1);
  });
});

describe("teams", () => {
  // (the creator is made before the transaction opens: PGlite serialises transactions, so a
  // second connection used inside an open transaction would wait forever)
  const insertTeam = async (cols: Record<string, Value>) => {
    const c = await createCreator(sql);
    return tx(sql, async (q) => {
      const id = uid();
      await q`insert into teams ${sql({ id, name: "Team", slug: newSlug(), ...cols })}`;
      await q`insert into memberships (team_id, user_id, role) values (${id}, ${c.id}, 'owner')`;
    });
  };

  it("teams_name_len: an empty name is rejected", async () => {
    await expectCheck(insertTeam({ name: "" }), "teams_name_len");
  });

  it("teams_name_len: a name longer than 100 characters is rejected", async () => {
    await expectCheck(insertTeam({ name: "n".repeat(101) }), "teams_name_len");
  });

  it.each([
    ["upper case", "My-Team"],
    ["underscore", "my_team"],
    ["leading hyphen", "-my-team"],
    ["trailing hyphen", "my-team-"],
    ["empty", ""],
    ["51 characters", "a".repeat(51)],
  ])("T4: a slug with %s is rejected (teams_slug_format)", async (_label, slug) => {
    await expectCheck(insertTeam({ slug }), "teams_slug_format");
  });

  it("T4: a 50-character slug is accepted (passing example)", async () => {
    const slug = `a${hex(25)}`.slice(0, 50);
    expect(slug.length).toBe(50);
    await insertTeam({ slug });
  });

  it("T3: a duplicate slug is rejected (teams_slug_key)", async () => {
    const slug = newSlug();
    await insertTeam({ slug });
    await expectUnique(insertTeam({ slug }), "teams_slug_key");
  });

  it("T6: negative team credits are rejected (teams_credits_nonneg)", async () => {
    await expectCheck(insertTeam({ credits: -1 }), "teams_credits_nonneg");
  });

  it("teams_storage_nonneg: negative storage bytes are rejected", async () => {
    await expectCheck(insertTeam({ ephemeral_storage_bytes: -5 }), "teams_storage_nonneg");
  });

  it("teams_settings_object: settings that are not a JSON object are rejected", async () => {
    const c = await createCreator(sql);
    await expectCheck(sql`update teams set settings = '[1,2]'::jsonb where id = ${c.teamId}`, "teams_settings_object");
  });

  it("teams_updated_after_created: updated_at before created_at is rejected", async () => {
    await expectCheck(
      tx(sql, async (q) => {
        await q`insert into teams (name, slug, updated_at) values ('T', ${newSlug()}, now() - interval '1 day')`;
      }),
      "teams_updated_after_created",
    );
  });

  it("T1/T2: a team created without any membership is rejected at commit", async () => {
    await expectRule(sql`insert into teams (name, slug) values ('Orphan', ${newSlug()})`, "INV-T1/T2");
  });

  it("T1/T2: a team created with only a non-owner membership is rejected at commit", async () => {
    const c = await createCreator(sql);
    await expectRule(
      tx(sql, async (q) => {
        const [t] = await q`insert into teams (name, slug) values ('No owner', ${newSlug()}) returning id`;
        await q`insert into memberships (team_id, user_id, role) values (${t!.id}, ${c.id}, 'admin')`;
      }),
      "INV-T1/T2",
    );
  });
});

describe("memberships", () => {
  it("M4/U3: a starter cannot get a membership", async () => {
    const c = await createCreator(sql);
    const s = await createStarter(sql);
    await expectRule(
      sql`insert into memberships (team_id, user_id, role) values (${c.teamId}, ${s.id}, 'member')`,
      "INV-M4",
    );
  });

  it("M4: moving a membership to a starter is rejected", async () => {
    const c = await createCreator(sql);
    const m = await createMember(sql, c.teamId, "member");
    const s = await createStarter(sql);
    await expectRule(sql`update memberships set user_id = ${s.id} where user_id = ${m.id}`, "INV-M4");
  });

  it("M2: an unknown role is rejected (enum membership_role)", async () => {
    const c = await createCreator(sql);
    await expectEnum(sql`update memberships set role = 'superuser' where team_id = ${c.teamId}`, "membership_role");
  });

  it("M3: a second membership of the same user in the same team is rejected", async () => {
    const c = await createCreator(sql);
    await expectUnique(
      sql`insert into memberships (team_id, user_id, role) values (${c.teamId}, ${c.id}, 'member')`,
      "memberships_team_user_key",
    );
  });

  it("memberships FKs: an unknown team or user is rejected", async () => {
    const c = await createCreator(sql);
    await expectForeignKey(
      sql`insert into memberships (team_id, user_id) values (${uid()}, ${c.id})`,
      "memberships_team_id_teams_id_fk",
    );
    await expectForeignKey(
      sql`insert into memberships (team_id, user_id) values (${c.teamId}, ${uid()})`,
      "memberships_user_id_users_id_fk",
    );
  });

  it("INV-T2: deleting the last owner membership is rejected at commit", async () => {
    const c = await createCreator(sql);
    await createMember(sql, c.teamId, "admin");
    await expectRule(sql`delete from memberships where team_id = ${c.teamId} and user_id = ${c.id}`, "INV-T2");
    expect(await ownerCount(c.teamId)).toBe(1);
  });

  it("INV-T2: demoting the last owner is rejected at commit", async () => {
    const c = await createCreator(sql);
    await expectRule(
      tx(sql, async (q) => {
        await q`update memberships set role = 'admin' where team_id = ${c.teamId} and user_id = ${c.id}`;
      }),
      "INV-T2",
    );
    expect(await ownerCount(c.teamId)).toBe(1);
  });

  it("INV-T2: deleting the user who is a team's only owner is rejected (memberships cascade)", async () => {
    const c = await createCreator(sql);
    await expectRule(sql`delete from users where id = ${c.id}`, "INV-T2");
  });

  it("INV-T2: ownership can be transferred inside one transaction (passing example)", async () => {
    const c = await createCreator(sql);
    const m = await createMember(sql, c.teamId, "admin");
    await tx(sql, async (q) => {
      await q`update memberships set role = 'admin' where team_id = ${c.teamId} and user_id = ${c.id}`;
      await q`update memberships set role = 'owner' where team_id = ${c.teamId} and user_id = ${m.id}`;
    });
    const rows = await sql`select user_id from memberships where team_id = ${c.teamId} and role = 'owner'`;
    expect(rows.map((r) => r.user_id)).toEqual([m.id]);
  });

  it("INV-T2: with two owners, one of them can leave (passing example)", async () => {
    const c = await createCreator(sql);
    const o2 = await createMember(sql, c.teamId, "owner");
    await sql`delete from memberships where team_id = ${c.teamId} and user_id = ${o2.id}`;
    expect(await ownerCount(c.teamId)).toBe(1);
  });

  it("INV-T2: deleting a team cascades to memberships, invitations, projects and webhooks", async () => {
    const c = await createCreator(sql);
    await createMember(sql, c.teamId, "viewer");
    await createProject(sql, c.teamId, c.id);
    await sql`insert into invitations (team_id, invited_by, email, token_hash)
              values (${c.teamId}, ${c.id}, ${newEmail()}, ${newKeyHash()})`;
    await sql`insert into webhooks (team_id, created_by, url, events, secret_encrypted)
              values (${c.teamId}, ${c.id}, 'https://hooks.example.com/x', '{job.completed}', 'enc')`;
    await sql`delete from teams where id = ${c.teamId}`;
    const [counts] = await sql`
      select (select count(*)::int from memberships where team_id = ${c.teamId}) as memberships,
             (select count(*)::int from invitations where team_id = ${c.teamId}) as invitations,
             (select count(*)::int from projects where team_id = ${c.teamId}) as projects,
             (select count(*)::int from webhooks where team_id = ${c.teamId}) as webhooks`;
    expect(counts).toEqual({ memberships: 0, invitations: 0, projects: 0, webhooks: 0 });
  });

  it("memberships FK cascade: deleting a (non-sole-owner) user deletes their memberships", async () => {
    const c = await createCreator(sql);
    const m = await createMember(sql, c.teamId, "member");
    await sql`delete from users where id = ${m.id}`;
    const rows = await sql`select 1 from memberships where user_id = ${m.id}`;
    expect(rows.length).toBe(0);
  });

  itConcurrent("INV-T2 (concurrency): two transactions removing the team's two owners at once → at most one commits", async () => {
    const c = await createCreator(sql);
    const o2 = await createMember(sql, c.teamId, "owner");
    const pool = connect(2);
    try {
      // Both updates are done before either commits (a barrier).
      const gate = barrier(2);
      const results = await Promise.allSettled([
        tx(pool, async (q) => {
          await q`update memberships set role = 'admin' where team_id = ${c.teamId} and user_id = ${c.id}`;
          await gate.wait();
        }),
        tx(pool, async (q) => {
          await q`delete from memberships where team_id = ${c.teamId} and user_id = ${o2.id}`;
          await gate.wait();
        }),
      ]);
      const committed = results.filter((r) => r.status === "fulfilled");
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(committed.length).toBe(1);
      expect(rejected.map((r) => [r.reason.code, String(r.reason.message).slice(0, 7)])).toEqual([["23514", "INV-T2:"]]);
      expect(await ownerCount(c.teamId)).toBe(1);
    } finally {
      await pool.end({ timeout: 5 });
    }
  });

  it("T7: a user cannot own more than 10 teams", async () => {
    const c = await createCreator(sql); // owns 1
    await createOwnedTeams(sql, c.id, 9); // owns 10
    await expectRule(createOwnedTeams(sql, c.id, 1), "INV-T7");
    const [row] = await sql`select count(*)::int as n from memberships where user_id = ${c.id} and role = 'owner'`;
    expect(row!.n).toBe(10);
  });

  it("T7: promoting a user who already owns 10 teams to owner of an 11th is rejected", async () => {
    const c = await createCreator(sql);
    await createOwnedTeams(sql, c.id, 9);
    const other = await createCreator(sql);
    await sql`insert into memberships (team_id, user_id, role) values (${other.teamId}, ${c.id}, 'admin')`;
    await expectRule(
      sql`update memberships set role = 'owner' where team_id = ${other.teamId} and user_id = ${c.id}`,
      "INV-T7",
    );
  });

  it("T8: a user cannot have more than 50 memberships", async () => {
    const u = await createCreator(sql);
    await createOwnedTeams(sql, u.id, 9); // 10 memberships, all owned
    for (let i = 0; i < 4; i++) {
      const o = await createCreator(sql);
      const teams = [o.teamId, ...(await createOwnedTeams(sql, o.id, 9))];
      await sql`insert into memberships (team_id, user_id, role)
                select t, ${u.id}::uuid, 'member' from unnest(${"{" + teams.join(",") + "}"}::uuid[]) t`;
    }
    const [row] = await sql`select count(*)::int as n from memberships where user_id = ${u.id}`;
    expect(row!.n).toBe(50);
    const last = await createCreator(sql);
    await expectRule(
      sql`insert into memberships (team_id, user_id, role) values (${last.teamId}, ${u.id}, 'viewer')`,
      "INV-T8",
    );
  });
});

describe("invitations", () => {
  const invite = (teamId: string, invitedBy: string | null, cols: Record<string, Value> = {}) =>
    sql`insert into invitations ${sql({ team_id: teamId, invited_by: invitedBy, email: newEmail(), token_hash: newKeyHash(), ...cols })}`;

  it("accepts a pending invitation for a non-member (passing example)", async () => {
    const c = await createCreator(sql);
    await invite(c.teamId, c.id);
  });

  it("I2: an invitation with role owner is rejected (invitations_role_not_owner)", async () => {
    const c = await createCreator(sql);
    await expectCheck(invite(c.teamId, c.id, { role: "owner" }), "invitations_role_not_owner");
  });

  it("enum membership_role: an invitation with an unknown role is rejected", async () => {
    const c = await createCreator(sql);
    await expectEnum(invite(c.teamId, c.id, { role: "boss" }), "membership_role");
  });

  it("invitations_email_lower: a mixed-case email is rejected", async () => {
    const c = await createCreator(sql);
    await expectCheck(invite(c.teamId, c.id, { email: "Someone@Example.com" }), "invitations_email_lower");
  });

  it("invitations_email_lower: an email shorter than 3 characters is rejected", async () => {
    const c = await createCreator(sql);
    await expectCheck(invite(c.teamId, c.id, { email: "ab" }), "invitations_email_lower");
  });

  it("I3/I4: accepted, declined and revoked are mutually exclusive (invitations_one_outcome)", async () => {
    const c = await createCreator(sql);
    const [inv] = await sql`insert into invitations (team_id, invited_by, email, token_hash, accepted_at)
                            values (${c.teamId}, ${c.id}, ${newEmail()}, ${newKeyHash()}, now()) returning id`;
    await expectCheck(sql`update invitations set revoked_at = now() where id = ${inv!.id}`, "invitations_one_outcome");
    await expectCheck(invite(c.teamId, c.id, { declined_at: new Date(), revoked_at: new Date() }), "invitations_one_outcome");
  });

  it("I9: expires_at must be after created_at (invitations_expires_after_created)", async () => {
    const c = await createCreator(sql);
    await expectCheck(
      sql`insert into invitations (team_id, invited_by, email, token_hash, expires_at)
          values (${c.teamId}, ${c.id}, ${newEmail()}, ${newKeyHash()}, now() - interval '1 minute')`,
      "invitations_expires_after_created",
    );
  });

  it("invitations_token_hash_key: a duplicate token hash is rejected", async () => {
    const c = await createCreator(sql);
    const token = newKeyHash();
    await invite(c.teamId, c.id, { token_hash: token });
    await expectUnique(invite(c.teamId, c.id, { token_hash: token }), "invitations_token_hash_key");
  });

  it("I7: nobody can invite their own email", async () => {
    const c = await createCreator(sql, { email: `owner-${uid()}@test.framecast.dev` });
    await expectRule(invite(c.teamId, c.id, { email: c.email }), "INV-I7");
  });

  it("users_email_lower: emails are stored lower-cased", async () => {
    await expectCheck(
      sql`insert into users (id, email) values (${crypto.randomUUID()}, ${`Mixed-${uid()}@Example.com`})`,
      "users_email_lower",
    );
  });

  it("I8: no actionable invitation for someone already a member", async () => {
    const c = await createCreator(sql);
    const m = await createMember(sql, c.teamId, "viewer");
    await expectRule(invite(c.teamId, c.id, { email: m.email }), "INV-I8");
  });

  it("I8: the same person may be invited to a team they are not in (passing example)", async () => {
    const c = await createCreator(sql);
    const other = await createCreator(sql);
    const m = await createMember(sql, c.teamId, "viewer");
    await invite(other.teamId, other.id, { email: m.email });
  });

  it("invitations FKs: team cascade on delete, invited_by set null on user delete", async () => {
    const c = await createCreator(sql);
    const admin = await createMember(sql, c.teamId, "admin");
    const [inv] = await sql`insert into invitations (team_id, invited_by, email, token_hash)
                            values (${c.teamId}, ${admin.id}, ${newEmail()}, ${newKeyHash()}) returning id`;
    await sql`delete from users where id = ${admin.id}`;
    const [after] = await sql`select invited_by from invitations where id = ${inv!.id}`;
    expect(after!.invited_by).toBeNull();
    await expectForeignKey(invite(uid(), c.id), "invitations_team_id_teams_id_fk");
  });
});
