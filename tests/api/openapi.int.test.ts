/**
 * GET /v1/openapi.json, and real responses of the documented endpoints parsed through the schemas
 * the document names, so a handler that changes its shape fails here.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import * as account from "@/app/v1/account/route";
import * as usage from "@/app/v1/account/usage/route";
import * as keyOne from "@/app/v1/auth/keys/[id]/route";
import * as keys from "@/app/v1/auth/keys/route";
import * as generate from "@/app/v1/generate/route";
import * as cancel from "@/app/v1/jobs/[id]/cancel/route";
import * as jobOne from "@/app/v1/jobs/[id]/route";
import * as jobs from "@/app/v1/jobs/route";
import * as openapi from "@/app/v1/openapi.json/route";
import * as estimate from "@/app/v1/spec/estimate/route";
import * as validate from "@/app/v1/spec/validate/route";
import * as status from "@/app/v1/status/route";
import * as assetOne from "@/app/v1/system-assets/[id]/route";
import * as assets from "@/app/v1/system-assets/route";
import { userSchema } from "@/lib/accounts/schemas";
import { apiKeySchema } from "@/lib/api-keys/schemas";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { errorEnvelopeSchema } from "@/lib/http/errors";
import {
  apiKeyCreatedSchema,
  estimateSchema,
  jobSchema,
  listOf,
  statusSchema,
  usageSchema,
  validationResultSchema,
} from "@/lib/openapi/schemas";
import { WELCOME_SPEC, WELCOME_SPEC_YAML } from "@/lib/storyboard/welcome";
import { seedSystemAssets } from "@/lib/system-assets/seed";
import { systemAssetDetailSchema, systemAssetListSchema } from "@/lib/system-assets/schemas";
import { userUrn } from "@/lib/urn";
import { starter } from "../helpers/fixtures";
import { call } from "../helpers/http";

/** Strict parsing: a field the document does not know fails too. */
function matches(schema: z.ZodObject, body: unknown) {
  expect(schema.strict().parse(body)).toEqual(body);
}

beforeAll(async () => {
  await seedSystemAssets(db(), { only: ["asset_sfx_pop"] });
}, 60_000);

describe("GET /v1/openapi.json", () => {
  it("is public, OpenAPI 3.1, versioned and rate limited like every /v1 response", async () => {
    const res = await call(openapi.GET, { path: "/v1/openapi.json" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(res.headers.get("x-ratelimit-limit")).toBeTruthy();
    expect(res.json.openapi).toBe("3.1.0");
    expect(res.json.info.version).toBe(config().APP_VERSION);
    expect(res.json.servers).toEqual([{ url: config().APP_URL }]);
    expect(Object.keys(res.json.paths)).toContain("/v1/jobs/{id}/events");
    const again = await call(openapi.GET, { path: "/v1/openapi.json" });
    expect(again.text).toBe(res.text);
  });
});

describe("documented response shapes match the handlers", () => {
  it("status, account, usage", async () => {
    const s = await starter();
    matches(statusSchema, (await call(status.GET)).json);
    matches(userSchema, (await call(account.GET, { token: s.token })).json);
    matches(userSchema, (await call(account.PATCH, { method: "PATCH", token: s.token, body: { name: "Ada" } })).json);
    const u = await call(usage.GET, { token: s.token, path: "/v1/account/usage?period=2026-01" });
    expect(u.status).toBe(200);
    matches(usageSchema, u.json);
  });

  it("API keys", async () => {
    const s = await starter();
    const created = await call(keys.POST, { method: "POST", token: s.token, body: { name: "CI", scopes: ["jobs:read"] } });
    expect(created.status).toBe(201);
    matches(apiKeyCreatedSchema, created.json);
    matches(listOf(apiKeySchema), (await call(keys.GET, { token: s.token })).json);
    matches(apiKeySchema, (await call(keyOne.GET, { token: s.token, params: { id: created.json.api_key.id } })).json);
  });

  it("storyboards: validate (JSON and YAML) and estimate", async () => {
    const s = await starter();
    matches(validationResultSchema, (await call(validate.POST, { method: "POST", token: s.token, body: WELCOME_SPEC })).json);
    const yaml = await call(validate.POST, {
      method: "POST",
      token: s.token,
      rawBody: "title: x\nscenes:\n  - id: a\n    prompt: p\n    duration: 99\n",
      headers: { "content-type": "application/yaml" },
    });
    expect(yaml.json.valid).toBe(false);
    matches(validationResultSchema, yaml.json);
    const est = await call(estimate.POST, { method: "POST", token: s.token, body: { spec: WELCOME_SPEC_YAML, owner: userUrn(s.sub) } });
    expect(est.status).toBe(200);
    matches(estimateSchema, est.json);
  });

  it("system assets", async () => {
    const s = await starter();
    matches(systemAssetListSchema, (await call(assets.GET, { token: s.token, path: "/v1/system-assets?category=sfx" })).json);
    matches(systemAssetDetailSchema, (await call(assetOne.GET, { token: s.token, params: { id: "asset_sfx_pop" } })).json);
  });

  it("jobs: generate, list, get, cancel; errors use the envelope", async () => {
    const s = await starter();
    const gen = await call(generate.POST, { method: "POST", token: s.token, body: { spec: WELCOME_SPEC, options: { preview: true } } });
    expect(gen.status).toBe(201);
    matches(jobSchema, gen.json);
    matches(listOf(jobSchema), (await call(jobs.GET, { token: s.token })).json);
    matches(jobSchema, (await call(jobOne.GET, { token: s.token, params: { id: gen.json.id } })).json);
    const canceled = await call(cancel.POST, { method: "POST", token: s.token, params: { id: gen.json.id } });
    expect(canceled.status).toBe(200);
    matches(jobSchema, canceled.json);
    const again = await call(cancel.POST, { method: "POST", token: s.token, params: { id: gen.json.id } });
    expect(again.status).toBe(409);
    matches(errorEnvelopeSchema, again.json);
  });
});
