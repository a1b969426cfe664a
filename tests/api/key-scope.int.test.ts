/**
 * Issue 8 item 5: what an API key may reach. Account-level actions (managing keys, upgrading, deleting
 * the account) need a session or a personal `*` key; a team or membership key acts only within its team,
 * and every owner URN a request names is checked against the key's owner (outside its team → 404).
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as account from "@/app/v1/account/route";
import * as upgrade from "@/app/v1/account/upgrade/route";
import * as usage from "@/app/v1/account/usage/route";
import * as uploadUrl from "@/app/v1/assets/upload-url/route";
import * as keys from "@/app/v1/auth/keys/route";
import * as key from "@/app/v1/auth/keys/[id]/route";
import * as generate from "@/app/v1/generate/route";
import * as myInvitations from "@/app/v1/invitations/route";
import * as acceptByToken from "@/app/v1/invitations/accept/route";
import * as declineById from "@/app/v1/invitations/[inv_id]/decline/route";
import * as teamInvitations from "@/app/v1/teams/[id]/invitations/route";
import * as teamsRoute from "@/app/v1/teams/route";
import * as jobsList from "@/app/v1/jobs/route";
import * as estimate from "@/app/v1/spec/estimate/route";
import { grantCredits } from "@/lib/credits/admin";
import { db } from "@/lib/db/client";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { membershipUrn, teamUrn, userUrn } from "@/lib/urn";
import { starter, upgradedCreator } from "../helpers/fixtures";
import { call } from "../helpers/http";

async function newKey(token: string, body: Record<string, unknown> = {}) {
  const res = await call(keys.POST, { method: "POST", token, body: { name: "k", ...body } });
  expect(res.status, res.text).toBe(201);
  return { id: res.json.api_key.id as string, raw: res.json.raw_key as string };
}

const tierOf = async (id: string) => (await db().execute<{ tier: string }>(sql`select tier from users where id = ${id}`))[0]?.tier;
const isRevoked = async (id: string) =>
  (await db().execute<{ revoked: boolean }>(sql`select revoked_at is not null as revoked from api_keys where id = ${id}`))[0]!.revoked;

/** A creator with "My Team", membership in a second team, and keys of each kind. */
async function creatorWithKeys() {
  const c = await upgradedCreator();
  const other = await upgradedCreator();
  await db().execute(sql`insert into memberships (team_id, user_id, role) values (${other.teamId}, ${c.sub}, 'member')`);
  const star = await newKey(c.token);
  const narrow = await newKey(c.token, { scopes: ["jobs:read"] });
  const team = await newKey(c.token, { owner: teamUrn(c.teamId) });
  const member = await newKey(c.token, { owner: membershipUrn(c.teamId, c.sub) });
  return { c, otherTeamId: other.teamId, star, narrow, team, member };
}

describe("account-level actions need a session or a personal * key", () => {
  it("a jobs:read key cannot list, create, rename or revoke keys; a team key cannot either", async () => {
    const { c, star, narrow, team, member } = await creatorWithKeys();
    for (const k of [narrow, team, member]) {
      expect((await call(keys.GET, { token: k.raw })).status).toBe(403);
      expect((await call(keys.POST, { method: "POST", token: k.raw, body: { name: "x", scopes: ["jobs:read"] } })).status).toBe(403);
      const rename = await call(key.PATCH, { method: "PATCH", token: k.raw, params: { id: star.id }, body: { name: "pwned" } });
      expect(rename.status).toBe(403);
      expect(rename.json.error.code).toBe("FORBIDDEN");
      expect((await call(key.DELETE, { method: "DELETE", token: k.raw, params: { id: star.id } })).status).toBe(403);
    }
    expect(await isRevoked(star.id)).toBe(false);
    expect((await call(account.GET, { token: star.raw })).status).toBe(200);
    const got = await call(key.GET, { token: c.token, params: { id: star.id } });
    expect(got.json.name).toBe("k");
  });

  it("a narrow or team key reads only itself by id; other keys are 404", async () => {
    const { star, narrow, team } = await creatorWithKeys();
    expect((await call(key.GET, { token: narrow.raw, params: { id: narrow.id } })).status).toBe(200);
    expect((await call(key.GET, { token: team.raw, params: { id: team.id } })).status).toBe(200);
    expect((await call(key.GET, { token: team.raw, params: { id: star.id } })).status).toBe(404);
    expect((await call(key.GET, { token: narrow.raw, params: { id: team.id } })).status).toBe(404);
  });

  it("a personal * key and a session manage keys", async () => {
    const { c, star, narrow, team } = await creatorWithKeys();
    const listed = await call(keys.GET, { token: star.raw });
    expect(listed.status).toBe(200);
    expect(listed.json.data.map((k: { id: string }) => k.id)).toEqual(expect.arrayContaining([star.id, narrow.id, team.id]));
    const made = await newKey(star.raw, { scopes: ["generate"] });
    expect((await call(key.PATCH, { method: "PATCH", token: star.raw, params: { id: made.id }, body: { name: "ci" } })).json.name).toBe("ci");
    expect((await call(key.DELETE, { method: "DELETE", token: star.raw, params: { id: narrow.id } })).status).toBe(204);
    expect((await call(key.DELETE, { method: "DELETE", token: c.token, params: { id: team.id } })).status).toBe(204);
    expect((await call(account.GET, { token: team.raw })).status).toBe(401);
  });

  it("a jobs:read key cannot upgrade the account; a personal * key can", async () => {
    const s = await starter();
    const narrow = await newKey(s.token, { scopes: ["jobs:read"] });
    const res = await call(upgrade.POST, { method: "POST", token: narrow.raw });
    expect(res.status).toBe(403);
    expect(await tierOf(s.sub)).toBe("starter");
    const star = await newKey(s.token);
    expect((await call(upgrade.POST, { method: "POST", token: star.raw })).status).toBe(200);
    expect(await tierOf(s.sub)).toBe("creator");
  });

  it("a team key cannot call upgrade either (it is an account-level action)", async () => {
    const { team, member } = await creatorWithKeys();
    expect((await call(upgrade.POST, { method: "POST", token: team.raw })).status).toBe(403);
    expect((await call(upgrade.POST, { method: "POST", token: member.raw })).status).toBe(403);
  });

  it("a jobs:read or team key cannot delete the account; a personal * key can", async () => {
    const { c, narrow, team, star } = await creatorWithKeys();
    for (const k of [narrow, team]) expect((await call(account.DELETE, { method: "DELETE", token: k.raw })).status).toBe(403);
    expect(await tierOf(c.sub)).toBe("creator");
    const s = await starter();
    const own = await newKey(s.token);
    expect((await call(account.DELETE, { method: "DELETE", token: own.raw })).status).toBe(204);
    expect((await call(account.GET, { token: star.raw })).status).toBe(200);
  });
});

describe("a team key acts only within its team", () => {
  it("usage: only the key's team's owners, not the personal URN nor other teams", async () => {
    const { c, otherTeamId, team, member, narrow } = await creatorWithKeys();
    const inTeam = [teamUrn(c.teamId), membershipUrn(c.teamId, c.sub)].sort();
    for (const k of [team, member]) {
      const res = await call(usage.GET, { token: k.raw });
      expect(res.status).toBe(200);
      expect(res.json.data.map((d: { owner: string }) => d.owner).sort()).toEqual(inTeam);
    }
    const all = await call(usage.GET, { token: narrow.raw });
    expect(all.json.data.map((d: { owner: string }) => d.owner)).toEqual(
      expect.arrayContaining([userUrn(c.sub), teamUrn(c.teamId), teamUrn(otherTeamId)]),
    );
  });

  it("usage totals add up the key's team only", async () => {
    const { c, team } = await creatorWithKeys();
    const put = (owner: string, renders: number, credits: number) =>
      db().execute(sql`insert into usage (owner, period, renders_count, credits_used)
        values (${owner}, to_char(now() at time zone 'utc', 'YYYY-MM'), ${renders}, ${credits})
        on conflict (owner, period) do update set renders_count = excluded.renders_count, credits_used = excluded.credits_used`);
    await put(userUrn(c.sub), 7, 700);
    await put(teamUrn(c.teamId), 2, 200);
    const res = await call(usage.GET, { token: team.raw });
    expect(res.json.totals).toMatchObject({ renders_count: 2, credits_used: 200 });
  });

  it("estimate: another team's or the personal balance is 404 for a team key; its own team's balance is given", async () => {
    const { c, otherTeamId, team } = await creatorWithKeys();
    await grantCredits(db(), teamUrn(otherTeamId), 777);
    for (const owner of [teamUrn(otherTeamId), userUrn(c.sub), membershipUrn(otherTeamId, c.sub)]) {
      const res = await call(estimate.POST, { method: "POST", token: team.raw, body: { spec: WELCOME_SPEC, owner } });
      expect(res.status, owner).toBe(404);
      expect(res.text).not.toContain("777");
    }
    const own = await call(estimate.POST, { method: "POST", token: team.raw, body: { spec: WELCOME_SPEC, owner: teamUrn(c.teamId) } });
    expect(own.status).toBe(200);
    expect(own.json.balance).toBe(0);
  });

  it("jobs, generate and upload-url: an owner outside the key's team is 404; inside it works", async () => {
    const { c, otherTeamId, team } = await creatorWithKeys();
    for (const owner of [userUrn(c.sub), teamUrn(otherTeamId)]) {
      expect((await call(jobsList.GET, { token: team.raw, path: `/v1/jobs?owner=${encodeURIComponent(owner)}` })).status).toBe(404);
      const gen = await call(generate.POST, { method: "POST", token: team.raw, body: { spec: WELCOME_SPEC, owner, options: { preview: true } } });
      expect(gen.status, owner).toBe(404);
      const up = await call(uploadUrl.POST, { method: "POST", token: team.raw, body: { filename: "a.png", content_type: "image/png", size_bytes: 10, owner } });
      expect(up.status, owner).toBe(404);
    }
    const made = await call(generate.POST, { method: "POST", token: team.raw, body: { spec: WELCOME_SPEC, options: { preview: true } } });
    expect(made.status, made.text).toBe(201);
    expect(made.json.owner).toBe(teamUrn(c.teamId));
    const listed = await call(jobsList.GET, { token: team.raw, path: `/v1/jobs?owner=${encodeURIComponent(teamUrn(c.teamId))}` });
    expect(listed.json.data.map((j: { id: string }) => j.id)).toEqual([made.json.id]);
  });

  it("a session naming an owner it may not use keeps its 403", async () => {
    const c = await upgradedCreator();
    const s = await starter();
    const res = await call(estimate.POST, { method: "POST", token: s.token, body: { spec: WELCOME_SPEC, owner: teamUrn(c.teamId) } });
    expect(res.status).toBe(403);
  });
});

describe("invitations and teams are account-level for keys (issue 8 item 5)", () => {
  it("a narrow or team key cannot accept or decline an invitation, nor create a team; the session can", async () => {
    const { c, narrow, team } = await creatorWithKeys();
    const inviter = await upgradedCreator();
    const invited = await call(teamInvitations.POST, { method: "POST", token: inviter.token, params: { id: inviter.teamId }, body: { email: c.user.email, role: "member" } });
    expect(invited.status, invited.text).toBe(201);
    for (const k of [narrow, team]) {
      expect((await call(acceptByToken.POST, { method: "POST", token: k.raw, body: { token: invited.json.token } })).status).toBe(403);
      expect((await call(declineById.POST, { method: "POST", token: k.raw, params: { inv_id: invited.json.invitation.id } })).status).toBe(403);
    }
    const created = await call(teamsRoute.POST, { method: "POST", token: team.raw, body: { name: "Sneaky" } });
    expect(created.status).toBe(403);
    const memberships = await db().execute(sql`select 1 from memberships where user_id = ${c.sub} and team_id = ${inviter.teamId}`);
    expect(memberships.length).toBe(0);
    expect((await call(acceptByToken.POST, { method: "POST", token: c.token, body: { token: invited.json.token } })).status).toBe(200);
  });

  it("a team key lists only invitations to its own team", async () => {
    const { c, team } = await creatorWithKeys();
    const inviter = await upgradedCreator();
    const invited = await call(teamInvitations.POST, { method: "POST", token: inviter.token, params: { id: inviter.teamId }, body: { email: c.user.email, role: "viewer" } });
    expect(invited.status, invited.text).toBe(201);
    expect((await call(myInvitations.GET, { token: c.token })).json.data).toHaveLength(1);
    expect((await call(myInvitations.GET, { token: team.raw })).json.data).toHaveLength(0);
  });
});
