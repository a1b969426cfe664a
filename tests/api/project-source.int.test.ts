/**
 * Projects keep what the author wrote (issue 11 item 6): `PUT …/spec` stores the text and its
 * language beside the parsed storyboard; `GET /v1/projects/:id` gives both back unchanged.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import * as project from "@/app/v1/projects/[id]/route";
import * as spec from "@/app/v1/projects/[id]/spec/route";
import * as teamProjects from "@/app/v1/teams/[id]/projects/route";
import { db } from "@/lib/db/client";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { upgradedCreator } from "../helpers/fixtures";
import { call } from "../helpers/http";

const put = (token: string, id: string, text: string, type: string) =>
  call(spec.PUT, { method: "PUT", token, params: { id }, rawBody: text, headers: { "content-type": type } });

async function emptyProject() {
  const c = await upgradedCreator();
  const p = (await call(teamProjects.POST, { method: "POST", token: c.token, params: { id: c.teamId }, body: { name: "Kept" } })).json;
  return { c, id: p.id as string };
}

describe("spec_source and spec_format", () => {
  it("YAML comes back byte for byte: comments, key order, blank lines and quoting kept", async () => {
    const { c, id } = await emptyProject();
    const yaml = `# The launch teaser — keep it under 10 s\n\n${stringify({ ...WELCOME_SPEC, title: "Kept 'as' written" })}# trailing note\n`;
    const saved = await put(c.token, id, yaml, "application/yaml");
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json).toMatchObject({ spec_source: yaml, spec_format: "yaml", spec: { title: "Kept 'as' written" } });
    const got = await call(project.GET, { token: c.token, params: { id } });
    expect(got.json.spec_source).toBe(yaml);
    expect(got.json.spec_format).toBe("yaml");
    expect(got.json.spec.title).toBe("Kept 'as' written");
  });

  it("JSON text is kept as sent (format json); the language is detected without a Content-Type", async () => {
    const { c, id } = await emptyProject();
    const json = `{\n    "title": "Four-space JSON",\n    "scenes": []\n}`;
    const saved = await put(c.token, id, json, "text/plain");
    expect(saved.json).toMatchObject({ spec_source: json, spec_format: "json" });
    const yaml = "# no content type\ntitle: Detected\n";
    expect((await put(c.token, id, yaml, "text/plain")).json).toMatchObject({ spec_source: yaml, spec_format: "yaml" });
  });

  it("a spec given as an object (create) has no source text (spec_source and spec_format null); lists leave the source out", async () => {
    const c = await upgradedCreator();
    const created = (await call(teamProjects.POST, { method: "POST", token: c.token, params: { id: c.teamId }, body: { name: "Obj", spec: { title: "Obj" } } })).json;
    expect(created).toMatchObject({ spec: { title: "Obj" }, spec_format: null, spec_source: null });
    const empty = (await call(teamProjects.POST, { method: "POST", token: c.token, params: { id: c.teamId }, body: { name: "None" } })).json;
    expect(empty).toMatchObject({ spec: null, spec_source: null, spec_format: null });
    const list = (await call(teamProjects.GET, { token: c.token, params: { id: c.teamId } })).json.data;
    for (const p of list) expect(p).not.toHaveProperty("spec_source");
  });

  it("unreadable text is refused and the last good source stays", async () => {
    const { c, id } = await emptyProject();
    const yaml = "# good\ntitle: Good\n";
    await put(c.token, id, yaml, "application/yaml");
    expect((await put(c.token, id, "title: [unclosed", "application/yaml")).status).toBe(422);
    expect((await call(project.GET, { token: c.token, params: { id } })).json.spec_source).toBe(yaml);
  });

  it("the database refuses a source without its format, an unknown format, or a source without a spec", async () => {
    const { id } = await emptyProject();
    const refusedBy = async (query: ReturnType<typeof sql>) => {
      const err = await db().execute(query).then(() => null, (e: unknown) => e as { cause?: { constraint_name?: string } });
      return err?.cause?.constraint_name;
    };
    expect(await refusedBy(sql`update projects set spec = '{}'::jsonb, spec_source = 'x' where id = ${id}`)).toBe("projects_spec_source_with_format");
    expect(await refusedBy(sql`update projects set spec = '{}'::jsonb, spec_source = 'x', spec_format = 'toml' where id = ${id}`)).toBe("projects_spec_format");
    expect(await refusedBy(sql`update projects set spec = null, spec_source = 'x', spec_format = 'yaml' where id = ${id}`)).toBe("projects_spec_source_with_spec");
  });
});
