/** Projects (spec part 1 §3–4 P5/J11/J12, part 2 §3) on real PostgreSQL. */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { itConcurrent } from "../helpers/concurrency";
import { stringify } from "yaml";
import * as cancel from "@/app/v1/jobs/[id]/cancel/route";
import * as project from "@/app/v1/projects/[id]/route";
import * as archive from "@/app/v1/projects/[id]/archive/route";
import * as render from "@/app/v1/projects/[id]/render/route";
import * as spec from "@/app/v1/projects/[id]/spec/route";
import * as unarchive from "@/app/v1/projects/[id]/unarchive/route";
import * as teamProjects from "@/app/v1/teams/[id]/projects/route";
import { grantCredits } from "@/lib/credits/admin";
import { db } from "@/lib/db/client";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { teamUrn } from "@/lib/urn";
import { upgradedCreator } from "../helpers/fixtures";
import { call } from "../helpers/http";
import { ledgerMismatches } from "../helpers/ledger";


async function join(teamId: string, who: { sub: string }, role: string) {
  await db().execute(sql`insert into memberships (team_id, user_id, role) values (${teamId}, ${who.sub}, ${role})`);
}

const newProject = async (token: string, teamId: string, body: Record<string, unknown> = { name: "Teaser", spec: WELCOME_SPEC }) =>
  call(teamProjects.POST, { method: "POST", token, params: { id: teamId }, body });

describe("projects", () => {
  it("upgrade made the welcome project; members create, viewers may not; lists hide archived ones and specs", async () => {
    const c = await upgradedCreator();
    const viewer = await upgradedCreator();
    const member = await upgradedCreator();
    await join(c.teamId, viewer, "viewer");
    await join(c.teamId, member, "member");
    const list = await call(teamProjects.GET, { token: viewer.token, params: { id: c.teamId } });
    expect(list.json.data).toEqual([expect.objectContaining({ name: "Welcome to Framecast", status: "draft", owner: teamUrn(c.teamId) })]);
    expect(list.json.data[0].spec).toBeUndefined();
    expect((await newProject(viewer.token, c.teamId)).status).toBe(403);
    const created = await newProject(member.token, c.teamId);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "Teaser", status: "draft", created_by: member.sub, spec: expect.objectContaining({ title: WELCOME_SPEC.title }) });
    const got = await call(project.GET, { token: viewer.token, params: { id: created.json.id } });
    expect(got.json).toMatchObject({ id: created.json.id, latest_job: null });
    expect((await call(project.GET, { token: (await upgradedCreator()).token, params: { id: created.json.id } })).status).toBe(404);

    expect((await call(archive.POST, { method: "POST", token: member.token, params: { id: created.json.id } })).status).toBe(403);
    expect((await call(archive.POST, { method: "POST", token: c.token, params: { id: created.json.id } })).json.status).toBe("archived");
    expect((await call(teamProjects.GET, { token: c.token, params: { id: c.teamId } })).json.data).toHaveLength(1);
    expect((await call(teamProjects.GET, { token: c.token, path: "/v1/x?include_archived=true", params: { id: c.teamId } })).json.data).toHaveLength(2);
    expect((await call(archive.POST, { method: "POST", token: c.token, params: { id: created.json.id } })).status).toBe(409);
    expect((await call(unarchive.POST, { method: "POST", token: c.token, params: { id: created.json.id } })).json.status).toBe("draft");
  });

  it("PUT spec: YAML or JSON, saved even when invalid (with its validation); unreadable → 422; archived → 409", async () => {
    const c = await upgradedCreator();
    const p = (await newProject(c.token, c.teamId, { name: "Empty" })).json;
    const yaml = stringify({ ...WELCOME_SPEC, title: "From YAML" });
    const saved = await call(spec.PUT, { method: "PUT", token: c.token, params: { id: p.id }, rawBody: yaml, headers: { "content-type": "application/yaml" } });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json).toMatchObject({ spec: { title: "From YAML" }, validation: { valid: true } });
    const broken = { ...WELCOME_SPEC, scenes: [{ ...WELCOME_SPEC.scenes[0]!, duration: 99 }] };
    const invalid = await call(spec.PUT, { method: "PUT", token: c.token, params: { id: p.id }, body: broken });
    expect(invalid.json.validation.valid).toBe(false);
    expect((await call(project.GET, { token: c.token, params: { id: p.id } })).json.spec.scenes[0].duration).toBe(99);
    expect((await call(spec.PUT, { method: "PUT", token: c.token, params: { id: p.id }, rawBody: "title: [oops", headers: { "content-type": "application/yaml" } })).status).toBe(422);
    await call(archive.POST, { method: "POST", token: c.token, params: { id: p.id } });
    expect((await call(spec.PUT, { method: "PUT", token: c.token, params: { id: p.id }, body: WELCOME_SPEC })).status).toBe(409);
  });

  itConcurrent("render: a team job (J11) with the team's credits; 10 at once → exactly 1 (J12); rendering blocks rename and delete; cancel → draft", async () => {
    const c = await upgradedCreator();
    await grantCredits(db(), teamUrn(c.teamId), 1000);
    const p = (await newProject(c.token, c.teamId)).json;
    const results = await Promise.all(Array.from({ length: 10 }, () => call(render.POST, { method: "POST", token: c.token, params: { id: p.id } })));
    const accepted = results.filter((r) => r.status === 201);
    expect(accepted).toHaveLength(1);
    expect(results.filter((r) => r.status !== 201).map((r) => [r.status, r.json.error.code])).toEqual(Array(9).fill([409, "INVALID_STATE"]));
    const job = accepted[0]!.json;
    expect(job).toMatchObject({ owner: teamUrn(c.teamId), project_id: p.id, is_ephemeral: false, credits_charged: 100 });
    const got = (await call(project.GET, { token: c.token, params: { id: p.id } })).json;
    expect(got).toMatchObject({ status: "rendering", latest_job: { id: job.id } });
    expect((await call(project.PATCH, { method: "PATCH", token: c.token, params: { id: p.id }, body: { name: "New" } })).status).toBe(409);
    expect((await call(project.DELETE, { method: "DELETE", token: c.token, params: { id: p.id } })).status).toBe(409);
    expect((await call(archive.POST, { method: "POST", token: c.token, params: { id: p.id } })).status).toBe(409);
    expect((await call(cancel.POST, { method: "POST", token: c.token, params: { id: job.id } })).status).toBe(200);
    expect((await call(project.GET, { token: c.token, params: { id: p.id } })).json.status).toBe("draft");
    expect((await call(project.PATCH, { method: "PATCH", token: c.token, params: { id: p.id }, body: { name: "New" } })).json.name).toBe("New");
    await call(archive.POST, { method: "POST", token: c.token, params: { id: p.id } });
    expect((await call(render.POST, { method: "POST", token: c.token, params: { id: p.id } })).status).toBe(409);
    expect((await call(project.DELETE, { method: "DELETE", token: c.token, params: { id: p.id } })).status).toBe(204);
    expect(await ledgerMismatches()).toEqual([]);
  });

  it("a project without a storyboard cannot render (422)", async () => {
    const c = await upgradedCreator();
    const p = (await newProject(c.token, c.teamId, { name: "Blank" })).json;
    const res = await call(render.POST, { method: "POST", token: c.token, params: { id: p.id } });
    expect(res.status).toBe(422);
  });
});
