/** POST /v1/spec/generate (spec part 4 §7) against a fake Anthropic Messages API. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import * as keys from "@/app/v1/auth/keys/route";
import * as generateSpec from "@/app/v1/spec/generate/route";
import { resetAssistantClient } from "@/lib/assistant/claude";
import { resetConfig } from "@/lib/config";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { starter } from "../helpers/fixtures";
import { startFakeAnthropic, type FakeAnthropic } from "../helpers/fake-anthropic";
import { call } from "../helpers/http";

let fake: FakeAnthropic;

beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  delete process.env.ANTHROPIC_API_KEY;
  delete process.env.ANTHROPIC_BASE_URL;
  resetConfig();
  resetAssistantClient();
  await fake?.stop();
});

function enable(on: boolean) {
  if (on) Object.assign(process.env, { ANTHROPIC_API_KEY: "sk-ant-fake", ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_MODEL: "claude-test-model" });
  else delete process.env.ANTHROPIC_API_KEY;
  resetConfig();
  resetAssistantClient();
}

async function ask(body: Record<string, unknown>, token?: string) {
  const s = token ? { token } : await starter();
  return call(generateSpec.POST, { method: "POST", token: s.token, body });
}

const broken = { ...WELCOME_SPEC, scenes: [{ ...WELCOME_SPEC.scenes[0]!, duration: 99 }, WELCOME_SPEC.scenes[1]!] };

describe("AI storyboard assistant", () => {
  it("without ANTHROPIC_API_KEY: 503 SERVICE_UNAVAILABLE saying so", async () => {
    enable(false);
    const res = await ask({ brief: "a lighthouse at dawn" });
    expect(res.status).toBe(503);
    expect(res.json.error.code).toBe("SERVICE_UNAVAILABLE");
    expect(res.json.error.message).toMatch(/not enabled/);
  });

  it("drafts a valid storyboard: spec, YAML, validation, estimate and usage; Claude gets the forced tool and the constraints", async () => {
    enable(true);
    fake.script([{ storyboard: WELCOME_SPEC }]);
    const res = await ask({ brief: "a lighthouse keeper at dawn", duration_seconds: 10, scenes: 2, style: "35mm film" });
    expect(res.status, res.text).toBe(200);
    expect(res.json.validation).toEqual({ valid: true, errors: [], warnings: [] });
    expect(res.json.spec.title).toBe(WELCOME_SPEC.title);
    expect(Object.keys(res.json.spec)[0]).toBe("title");
    expect(parse(res.json.yaml)).toEqual(res.json.spec);
    expect(res.json.estimate).toMatchObject({ estimated_duration_seconds: 9, estimated_credits: 100 });
    expect(res.json.usage).toEqual({ input_tokens: 1001, output_tokens: 201 });
    expect(res.json.repair_rounds).toBe(0);
    const [req] = fake.requests;
    expect(req!.body).toMatchObject({ model: "claude-test-model", tool_choice: { type: "tool", name: "submit_storyboard" } });
    const tool = (req!.body.tools as { name: string; input_schema: Record<string, unknown> }[])[0]!;
    expect(tool.input_schema).toMatchObject({ type: "object" });
    expect(tool.input_schema.$schema).toBeUndefined();
    expect(String(req!.body.system)).toContain("asset_sfx_footsteps");
    const prompt = JSON.stringify(req!.body.messages);
    expect(prompt).toContain("about 10 seconds");
    expect(prompt).toContain("Exactly 2 scenes");
    expect(prompt).toContain("35mm film");
    // the key goes to Anthropic only
    expect(JSON.stringify(res.json)).not.toContain("sk-ant-fake");
  });

  it("repairs: the validator's errors go back as a tool_result; a fixed draft comes out valid", async () => {
    enable(true);
    fake.script([{ storyboard: broken }, { storyboard: WELCOME_SPEC }]);
    const res = await ask({ brief: "a lighthouse" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ repair_rounds: 1, validation: { valid: true } });
    expect(fake.requests).toHaveLength(2);
    const messages = fake.requests[1]!.body.messages as { role: string; content: unknown }[];
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    const result = (messages[2]!.content as { type: string; tool_use_id: string; is_error: boolean; content: string }[])[0]!;
    expect(result).toMatchObject({ type: "tool_result", tool_use_id: "toolu_fake_1", is_error: true });
    expect(result.content).toContain("scenes[0].duration");
    expect(res.json.usage).toEqual({ input_tokens: 1001 + 1002, output_tokens: 201 + 202 });
  });

  it("at most two repair rounds: a draft still invalid comes back with its errors and no estimate", async () => {
    enable(true);
    fake.script([{ storyboard: broken }]);
    const res = await ask({ brief: "a lighthouse" });
    expect(res.status).toBe(200);
    expect(fake.requests).toHaveLength(3);
    expect(res.json).toMatchObject({ repair_rounds: 2, estimate: null, validation: { valid: false } });
    expect(res.json.validation.errors[0].path).toBe("scenes[0].duration");
  });

  it("revises base_spec (YAML text): Claude sees it; an unreadable base_spec is 422", async () => {
    enable(true);
    fake.script([{ storyboard: WELCOME_SPEC }]);
    const yaml = "title: Old title\nscenes:\n  - id: only\n    prompt: a quiet sea\n    duration: 4\n";
    const res = await ask({ brief: "make it longer", base_spec: yaml });
    expect(res.status).toBe(200);
    expect(JSON.stringify(fake.requests[0]!.body.messages)).toContain("Old title");
    const bad = await ask({ brief: "fix it", base_spec: "title: [unclosed" });
    expect(bad.status).toBe(422);
    expect(bad.json.error.details.errors[0].path).toBe("base_spec");
  });

  it("input rules: brief required and ≤ 4,000 characters, unknown fields refused — all 422", async () => {
    enable(true);
    expect((await ask({})).status).toBe(422);
    expect((await ask({ brief: "x".repeat(4001) })).status).toBe(422);
    expect((await ask({ brief: "ok", temperature: 2 })).status).toBe(422);
  });

  it("Claude overloaded (529, after the SDK's retries) → 503 with Retry-After; an API key without the generate scope → 403", async () => {
    enable(true);
    fake.script([{ status: 529, type: "overloaded_error", message: "Overloaded" }]);
    const res = await ask({ brief: "a lighthouse" });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(res.json.error.message).toMatch(/busy or unreachable/);
    expect(fake.requests).toHaveLength(3); // the first try and two retries
    const s = await starter();
    const key = await call(keys.POST, { method: "POST", token: s.token, body: { name: "read only", scopes: ["jobs:read"] } });
    const denied = await call(generateSpec.POST, { method: "POST", token: key.json.raw_key, body: { brief: "a lighthouse" } });
    expect(denied.status).toBe(403);
  }, 30_000);
});
