import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as estimate from "@/app/v1/spec/estimate/route";
import * as schemaJson from "@/app/v1/spec/schema.json/route";
import * as validate from "@/app/v1/spec/validate/route";
import { assetFiles } from "@/drizzle/schema";
import { db } from "@/lib/db/client";
import { WELCOME_SPEC, WELCOME_SPEC_YAML } from "@/lib/storyboard/welcome";
import { teamUrn, userUrn } from "@/lib/urn";
import { creatorWithTeam, starter } from "../helpers/fixtures";
import { call } from "../helpers/http";

const yaml = (token: string, text: string) =>
  call(validate.POST, { method: "POST", token, rawBody: text, headers: { "content-type": "application/yaml" } });

async function addAsset(owner: string, uploadedBy: string, contentType: string, status: "ready" | "pending" = "ready") {
  const id = randomUUID();
  await db().insert(assetFiles).values({
    id,
    owner,
    uploadedBy,
    filename: "x",
    s3Key: `test/${id}`,
    contentType,
    sizeBytes: 10,
    status,
  });
  return id;
}

describe("POST /v1/spec/validate", () => {
  it("the welcome storyboard as YAML is valid with no warnings", async () => {
    const s = await starter();
    const res = await yaml(s.token, WELCOME_SPEC_YAML);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it("JSON bodies validate the same", async () => {
    const s = await starter();
    const res = await call(validate.POST, { method: "POST", token: s.token, body: WELCOME_SPEC });
    expect(res.json).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it("YAML issues carry the line and column of the offending node in nested scenes", async () => {
    const s = await starter();
    const text = [
      "title: Demo", //                      1
      "scenes:", //                          2
      "  - id: one", //                      3
      "    prompt: first", //                4
      "    duration: 5", //                  5
      "  - id: two", //                      6
      "    prompt: second", //               7
      "    duration: 45", //                 8
      "    audio:", //                       9
      "      sfx:", //                       10
      "        - asset_id: asset_sfx_nope", // 11
      "timeline:", //                        12
      "  - scene: one", //                   13
      "  - scene: three", //                 14
    ].join("\n");
    const res = await yaml(s.token, text);
    expect(res.json.valid).toBe(false);
    expect(res.json.errors).toContainEqual(expect.objectContaining({ path: "scenes[1].duration", line: 8, column: 15, limit: 30 }));
    const fixed = text.replace("duration: 45", "duration: 4");
    const res2 = await yaml(s.token, fixed);
    expect(res2.json.errors).toEqual([
      expect.objectContaining({ path: "timeline[1].scene", line: 14, column: 12, valid_values: ["one", "two"] }),
      expect.objectContaining({ path: "scenes[1].audio.sfx[0].asset_id", line: 11, column: 21 }),
    ]);
  });

  it("an unparseable document is valid: false with a positioned error, not a 4xx", async () => {
    const s = await starter();
    const res = await yaml(s.token, "title: x\nscenes: [\n  - oops");
    expect(res.status).toBe(200);
    expect(res.json.valid).toBe(false);
    expect(res.json.errors[0]).toEqual(expect.objectContaining({ line: expect.any(Number), column: expect.any(Number) }));
  });

  it("a billion-laughs document is refused quickly", async () => {
    const s = await starter();
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(",")}]`);
    }
    const t = performance.now();
    const res = await yaml(s.token, lines.join("\n"));
    expect(performance.now() - t).toBeLessThan(1000);
    expect(res.json.valid).toBe(false);
  });

  it("asset file UUIDs: usable, ready and of the right type for the caller only", async () => {
    const s = await starter();
    const other = await starter();
    const mine = await addAsset(userUrn(s.sub), s.sub, "audio/wav");
    const theirs = await addAsset(userUrn(other.sub), other.sub, "audio/wav");
    const pending = await addAsset(userUrn(s.sub), s.sub, "audio/wav", "pending");
    const image = await addAsset(userUrn(s.sub), s.sub, "image/png");
    const doc = structuredClone(WELCOME_SPEC) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    doc.scenes[0].audio.music.asset_id = mine;
    doc.scenes[1].audio.music.asset_id = theirs;
    doc.global_audio.ambient.asset_id = pending;
    doc.symbols.keeper.reference_images = [{ asset_id: image }];
    const res = await call(validate.POST, { method: "POST", token: s.token, body: doc });
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(["global_audio.ambient.asset_id", "scenes[1].audio.music.asset_id"]);
  });

  it("needs authentication", async () => {
    expect((await call(validate.POST, { method: "POST", body: WELCOME_SPEC })).status).toBe(401);
  });
});

describe("POST /v1/spec/estimate", () => {
  it("equals the formula for the welcome storyboard (object or YAML text)", async () => {
    const s = await starter();
    for (const spec of [WELCOME_SPEC, WELCOME_SPEC_YAML]) {
      const res = await call(estimate.POST, { method: "POST", token: s.token, body: { spec } });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        estimated_duration_seconds: 9,
        estimated_credits: 100,
        // the configured (local) backend's measured rate: 2 × (0.75 + 0.5 × 5) ÷ 2 + 1 + 1.1 × 9
        estimated_generation_time_seconds: 15,
        scenes: [
          { id: "storm", duration: 5, credits: 50 },
          { id: "dawn", duration: 5, credits: 50 },
        ],
        warnings: [],
      });
      expect(res.json).not.toHaveProperty("sufficient_credits");
    }
  });

  it("1080p doubles and preview is free", async () => {
    const s = await starter();
    const hd = await call(estimate.POST, { method: "POST", token: s.token, body: { spec: WELCOME_SPEC, options: { resolution: "1080p" } } });
    expect(hd.json.estimated_credits).toBe(200);
    const preview = await call(estimate.POST, { method: "POST", token: s.token, body: { spec: WELCOME_SPEC, options: { preview: true } } });
    expect(preview.json.estimated_credits).toBe(0);
  });

  it("with an owner: balance and sufficient_credits; owners the caller may not use → 403", async () => {
    const s = await starter(); // 100 signup credits in tests
    const own = await call(estimate.POST, { method: "POST", token: s.token, body: { spec: WELCOME_SPEC, owner: userUrn(s.sub) } });
    expect(own.json).toMatchObject({ balance: 100, sufficient_credits: true });
    const hd = await call(estimate.POST, { method: "POST", token: s.token, body: { spec: WELCOME_SPEC, owner: userUrn(s.sub), options: { resolution: "1080p" } } });
    expect(hd.json).toMatchObject({ balance: 100, sufficient_credits: false });
    const c = await creatorWithTeam();
    const team = await call(estimate.POST, { method: "POST", token: c.token, body: { spec: WELCOME_SPEC, owner: teamUrn(c.teamId) } });
    expect(team.json).toMatchObject({ balance: 0, sufficient_credits: false });
    const forbidden = await call(estimate.POST, { method: "POST", token: s.token, body: { spec: WELCOME_SPEC, owner: teamUrn(c.teamId) } });
    expect(forbidden.status).toBe(403);
  });

  it("an invalid storyboard → 422 with the validation errors", async () => {
    const s = await starter();
    const res = await call(estimate.POST, { method: "POST", token: s.token, body: { spec: { title: "x", scenes: [] } } });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("VALIDATION_ERROR");
    expect(res.json.error.details.errors).toContainEqual(expect.objectContaining({ path: "scenes" }));
    const unknown = await call(estimate.POST, { method: "POST", token: s.token, body: { spec: WELCOME_SPEC, extra: 1 } });
    expect(unknown.status).toBe(422);
  });
});

describe("GET /v1/spec/schema.json", () => {
  it("serves the JSON Schema with descriptions and examples", async () => {
    const res = await call(schemaJson.GET);
    expect(res.status).toBe(200);
    expect(res.json.$schema).toContain("2020-12");
    expect(res.json.required).toEqual(expect.arrayContaining(["title", "scenes"]));
    const scene = JSON.stringify(res.json);
    expect(scene).toContain("Length in seconds (1 to 30).");
    expect(res.json.properties.title.examples).toBeDefined();
  });
});

describe("POST /v1/spec/validate under hostile input", () => {
  it("a 1 MB storyboard is refused quickly with the size limit; over 1 MiB is 413", async () => {
    const s = await starter();
    const big = `title: x\nscenes: []\nnotes: "${"a".repeat(1_000_000)}"\n`;
    const t = performance.now();
    const res = await yaml(s.token, big);
    expect(performance.now() - t).toBeLessThan(500);
    expect(res.status).toBe(200);
    expect(res.json.valid).toBe(false);
    expect(res.json.errors[0]).toMatchObject({ path: "(document)", limit: 102400 });
    const huge = await yaml(s.token, "a".repeat(2 * 1024 * 1024));
    expect(huge.status).toBe(413);
  });

  it("random bodies never produce a 500", async () => {
    const s = await creatorWithTeam(); // 300 requests a minute: enough for every sample
    const samples = [
      "", "null", "[]", "42", '"x"', "{", "title: [", "!!js/function 'return 1'", "__proto__: {polluted: true}",
      '{"__proto__": {"x": 1}}', "- a\n- b", "title: t\nscenes: {}", "---\na: 1\n---\nb: 2", "\u0000\u0001",
      "title: t\nscenes:\n  - id: A B\n    prompt: 1\n    duration: -4", '{"title": 1, "scenes": [{"id": {}}]}',
    ];
    for (let i = 0; i < 40; i++) samples.push(Array.from({ length: 30 }, () => String.fromCharCode(32 + Math.floor(Math.random() * 90))).join(""));
    for (const body of samples) {
      for (const type of ["application/yaml", "application/json", "text/plain"]) {
        const res = await call(validate.POST, { method: "POST", token: s.token, rawBody: body, headers: { "content-type": type } });
        expect(res.status).toBe(200);
        expect(typeof res.json.valid).toBe("boolean");
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
