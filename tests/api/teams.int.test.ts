/** Upgrade (T2), teams and members (spec part 1 §1, §3, §5; part 2 §3) on real PostgreSQL. */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { itConcurrent } from "../helpers/concurrency";
import * as upgrade from "@/app/v1/account/upgrade/route";
import * as generate from "@/app/v1/generate/route";
import * as teams from "@/app/v1/teams/route";
import * as team from "@/app/v1/teams/[id]/route";
import * as leave from "@/app/v1/teams/[id]/leave/route";
import * as members from "@/app/v1/teams/[id]/members/route";
import * as member from "@/app/v1/teams/[id]/members/[user_id]/route";
import { grantCredits } from "@/lib/credits/admin";
import { db } from "@/lib/db/client";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { teamUrn } from "@/lib/urn";
import { starter, upgradedCreator } from "../helpers/fixtures";
import { call } from "../helpers/http";


/** Adds `who` to `teamId` with `role` (invitations are a later endpoint: written directly). */
async function join(teamId: string, who: { sub: string }, role: "admin" | "member" | "viewer" | "owner") {
  await db().execute(sql`insert into memberships (team_id, user_id, role) values (${teamId}, ${who.sub}, ${role})`);
}

const owned = async (userId: string) =>
  (await db().execute<{ n: number }>(sql`select count(*)::int as n from memberships where user_id = ${userId} and role = 'owner'`))[0]!.n;

describe("upgrade (T2)", () => {
  itConcurrent("starter → creator with My Team (owner) and the welcome project; idempotent; 10 at once make one team", async () => {
    const s = await starter();
    const results = await Promise.all(Array.from({ length: 10 }, () => call(upgrade.POST, { method: "POST", token: s.token })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const first = results[0]!.json;
    expect(first.user).toMatchObject({ tier: "creator", upgraded_at: expect.any(String) });
    expect(first.team).toMatchObject({ name: "My Team", slug: expect.stringMatching(/^my-team-[0-9a-f]{8}$/), role: "owner" });
    expect(first.membership).toMatchObject({ user_id: s.sub, role: "owner" });
    expect(new Set(results.map((r) => r.json.team.id)).size).toBe(1);
    const projects = await db().execute<{ name: string; status: string; spec: { title: string } }>(sql`select name, status, spec from projects where team_id = ${first.team.id}`);
    expect(projects).toEqual([{ name: "Welcome to Framecast", status: "draft", spec: expect.objectContaining({ title: WELCOME_SPEC.title }) }]);
  });

  it("teams are for creators: a starter gets 403", async () => {
    const s = await starter();
    const res = await call(teams.GET, { token: s.token });
    expect(res.status).toBe(403);
  });
});

describe("teams", () => {
  it("create: 201 with the owner membership; slugs are generated or given, unique and well-formed", async () => {
    const c = await upgradedCreator();
    const res = await call(teams.POST, { method: "POST", token: c.token, body: { name: "Night Shift Stüdio!" } });
    expect(res.status).toBe(201);
    expect(res.json.team).toMatchObject({ name: "Night Shift Stüdio!", slug: expect.stringMatching(/^night-shift-studio-[0-9a-f]{8}$/), role: "owner", credits: 0 });
    expect(res.json.membership).toMatchObject({ role: "owner", user_id: c.sub });
    const slug = `studio-${Date.now()}`;
    expect((await call(teams.POST, { method: "POST", token: c.token, body: { name: "A", slug } })).status).toBe(201);
    const dup = await call(teams.POST, { method: "POST", token: c.token, body: { name: "B", slug } });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe("CONFLICT");
    expect((await call(teams.POST, { method: "POST", token: c.token, body: { name: "C", slug: "-Bad Slug" } })).status).toBe(422);
    const list = await call(teams.GET, { token: c.token });
    expect(list.json.data.map((t: { role: string }) => t.role)).toEqual(["owner", "owner", "owner"]);
  });

  it("list: by name (case-insensitive, then id); the cursor pages follow that order", async () => {
    const c = await upgradedCreator();
    for (const name of ["delta", "Alpha", "charlie", "bravo", "ALPHA", "Echo"]) {
      expect((await call(teams.POST, { method: "POST", token: c.token, body: { name } })).status).toBe(201);
    }
    const all = (await call(teams.GET, { token: c.token })).json.data as { id: string; name: string }[];
    const expected = [...all].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || (a.id < b.id ? -1 : 1));
    expect(all.map((t) => t.name.toLowerCase())).toEqual(["alpha", "alpha", "bravo", "charlie", "delta", "echo", "my team"]);
    expect(all.map((t) => t.id)).toEqual(expected.map((t) => t.id));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
      const res = await call(teams.GET, { token: c.token, path: `/v1/teams${query}` });
      expect(res.status).toBe(200);
      expect(res.json.data.length).toBeLessThanOrEqual(2);
      seen.push(...res.json.data.map((t: { id: string }) => t.id));
      cursor = res.json.next_cursor;
      // A team created between pages sorts first, so it never shifts the pages still to come.
      if (seen.length === 2) await call(teams.POST, { method: "POST", token: c.token, body: { name: "aardvark" } });
    } while (cursor);
    expect(seen).toEqual(expected.map((t) => t.id));
    expect((await call(teams.GET, { token: c.token, path: "/v1/teams?cursor=not-a-cursor" })).status).toBe(422);
  });

  itConcurrent("T7: 20 simultaneous creates by a creator who owns 1 team → exactly 9 more, the rest 409 LIMIT_EXCEEDED", async () => {
    const c = await upgradedCreator();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => call(teams.POST, { method: "POST", token: c.token, body: { name: `T${i}` } })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(9);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.map((r) => [r.status, r.json.error.code])).toEqual(Array(11).fill([409, "LIMIT_EXCEEDED"]));
    expect(await owned(c.sub)).toBe(10);
  });

  it("get / update: members see it with their role, others get 404; owners and admins update, members 403; the slug never changes", async () => {
    const c = await upgradedCreator();
    const viewer = await upgradedCreator();
    const admin = await upgradedCreator();
    await join(c.teamId, viewer, "viewer");
    await join(c.teamId, admin, "admin");
    expect((await call(team.GET, { token: viewer.token, params: { id: c.teamId } })).json.role).toBe("viewer");
    expect((await call(team.GET, { token: (await upgradedCreator()).token, params: { id: c.teamId } })).status).toBe(404);
    expect((await call(team.PATCH, { method: "PATCH", token: viewer.token, params: { id: c.teamId }, body: { name: "X" } })).status).toBe(403);
    const renamed = await call(team.PATCH, { method: "PATCH", token: admin.token, params: { id: c.teamId }, body: { name: "Renamed", settings: { theme: "dark" } } });
    expect(renamed.json).toMatchObject({ name: "Renamed", settings: { theme: "dark" }, role: "admin" });
    expect((await call(team.PATCH, { method: "PATCH", token: c.token, params: { id: c.teamId }, body: { slug: "new-slug" } })).status).toBe(422);
  });
});

describe("members", () => {
  it("roles: owners change anything, admins never to or from owner, nobody their own; the last owner stays", async () => {
    const c = await upgradedCreator();
    const admin = await upgradedCreator();
    const m = await upgradedCreator();
    await join(c.teamId, admin, "admin");
    await join(c.teamId, m, "member");
    const patch = (token: string, userId: string, role: string) => call(member.PATCH, { method: "PATCH", token, params: { id: c.teamId, user_id: userId }, body: { role } });
    expect((await patch(admin.token, m.sub, "owner")).status).toBe(403);
    expect((await patch(admin.token, c.sub, "member")).status).toBe(403);
    expect((await patch(admin.token, admin.sub, "member")).status).toBe(403);
    expect((await patch(admin.token, m.sub, "viewer")).json).toMatchObject({ role: "viewer", user: { id: m.sub, email: expect.any(String) } });
    expect((await patch(c.token, c.sub, "member")).status).toBe(403);
    const list = await call(members.GET, { token: m.token, params: { id: c.teamId } });
    expect(list.json.data.map((x: { user_id: string; role: string }) => [x.user_id, x.role])).toEqual([
      [c.sub, "owner"],
      [admin.sub, "admin"],
      [m.sub, "viewer"],
    ]);
    // ownership transfer: promote, then the old owner can be demoted by the new one
    expect((await patch(c.token, admin.sub, "owner")).json.role).toBe("owner");
    expect((await patch(admin.token, c.sub, "admin")).json.role).toBe("admin");
    expect((await call(team.GET, { token: c.token, params: { id: c.teamId } })).json.role).toBe("admin");
  });

  itConcurrent("INV-T2 under concurrency: two owners demoting each other at once → one succeeds, one owner remains", async () => {
    const c = await upgradedCreator();
    const other = await upgradedCreator();
    await join(c.teamId, other, "owner");
    const [a, b] = await Promise.all([
      call(member.PATCH, { method: "PATCH", token: c.token, params: { id: c.teamId, user_id: other.sub }, body: { role: "member" } }),
      call(member.PATCH, { method: "PATCH", token: other.token, params: { id: c.teamId, user_id: c.sub }, body: { role: "member" } }),
    ]);
    // the team row is locked first: the second request finds its caller already demoted
    expect([a.status, b.status].sort()).toEqual([200, 403]);
    const owners = await db().execute<{ n: number }>(sql`select count(*)::int as n from memberships where team_id = ${c.teamId} and role = 'owner'`);
    expect(owners[0]!.n).toBe(1);
  });

  it("remove: admins not owners, nobody themselves; a removed member loses access", async () => {
    const c = await upgradedCreator();
    const admin = await upgradedCreator();
    const m = await upgradedCreator();
    await join(c.teamId, admin, "admin");
    await join(c.teamId, m, "member");
    const del = (token: string, userId: string) => call(member.DELETE, { method: "DELETE", token, params: { id: c.teamId, user_id: userId } });
    expect((await del(admin.token, c.sub)).status).toBe(403);
    expect((await del(admin.token, admin.sub)).status).toBe(403);
    expect((await del(m.token, admin.sub)).status).toBe(403);
    expect((await del(admin.token, m.sub)).status).toBe(204);
    expect((await call(team.GET, { token: m.token, params: { id: c.teamId } })).status).toBe(404);
  });

  it("leave: members leave; the last owner only as the sole member (the team goes); never your only team", async () => {
    const c = await upgradedCreator();
    const m = await upgradedCreator();
    await join(c.teamId, m, "member");
    expect((await call(leave.POST, { method: "POST", token: c.token, params: { id: c.teamId } })).status).toBe(409);
    expect((await call(leave.POST, { method: "POST", token: m.token, params: { id: c.teamId } })).json).toEqual({ team_deleted: false });
    // c's only team: refused (a creator keeps a team)
    const only = await call(leave.POST, { method: "POST", token: c.token, params: { id: c.teamId } });
    expect(only.status).toBe(409);
    const extra = (await call(teams.POST, { method: "POST", token: c.token, body: { name: "Extra" } })).json.team.id as string;
    expect((await call(leave.POST, { method: "POST", token: c.token, params: { id: extra } })).json).toEqual({ team_deleted: true });
    expect((await db().execute(sql`select 1 from teams where id = ${extra}`)).length).toBe(0);
  });

  it("delete: the owner as sole member, no renders running, not the only team", async () => {
    const c = await upgradedCreator();
    expect((await call(team.DELETE, { method: "DELETE", token: c.token, params: { id: c.teamId } })).status).toBe(409);
    const extra = (await call(teams.POST, { method: "POST", token: c.token, body: { name: "Extra" } })).json.team.id as string;
    const m = await upgradedCreator();
    await join(extra, m, "admin");
    expect((await call(team.DELETE, { method: "DELETE", token: m.token, params: { id: extra } })).status).toBe(403);
    expect((await call(team.DELETE, { method: "DELETE", token: c.token, params: { id: extra } })).status).toBe(409);
    await db().execute(sql`delete from memberships where team_id = ${extra} and user_id = ${m.sub}`);
    await grantCredits(db(), teamUrn(extra), 200);
    const job = await call(generate.POST, { method: "POST", token: c.token, body: { spec: WELCOME_SPEC, owner: teamUrn(extra) } });
    expect(job.status).toBe(201);
    const running = await call(team.DELETE, { method: "DELETE", token: c.token, params: { id: extra } });
    expect(running.status).toBe(409);
    expect(running.json.error.message).toContain("renders in progress");
    await db().execute(sql`update jobs set status = 'canceled', failure_type = 'canceled', completed_at = now() where id = ${job.json.id}`);
    expect((await call(team.DELETE, { method: "DELETE", token: c.token, params: { id: extra } })).status).toBe(204);
    expect((await db().execute(sql`select 1 from jobs where id = ${job.json.id}`)).length).toBe(0);
  });
});
