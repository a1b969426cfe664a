import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument, type OpenApiDocument } from "./document";
import { OPERATIONS, TAGS } from "./operations";

const ROOT = join(import.meta.dirname, "..", "..");
const V1 = join(ROOT, "app", "v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return e.name.startsWith("[...") ? [] : routeFiles(join(dir, e.name));
    return e.name === "route.ts" ? [join(dir, e.name)] : [];
  });
}

/** `app/v1/jobs/[id]/cancel/route.ts` → `/v1/jobs/{id}/cancel`. */
function apiPath(file: string): string {
  const rel = relative(join(ROOT, "app"), file).split(sep).slice(0, -1);
  return "/" + rel.map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/");
}

interface RouteExport {
  method: string;
  /** "public", the scope, or "any" (authenticated, no scope option). */
  scope: string;
}

/** The methods a route file exports, and what its `route({…})` options say about auth. */
function exportsOf(source: string): RouteExport[] {
  const out: RouteExport[] = [];
  for (const m of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\s*=\s*route\(\s*\{([^}]*)\}/g)) {
    const opts = m[2]!;
    const scope = /auth:\s*"public"/.test(opts) ? "public" : (/scope:\s*"([^"]+)"/.exec(opts)?.[1] ?? "any");
    out.push({ method: m[1]!, scope });
  }
  for (const m of source.matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/g)) out.push({ method: m[1]!, scope: "?" });
  for (const m of source.matchAll(/export \{([^}]*)\}/g)) {
    for (const part of m[1]!.split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop()!;
      if ((METHODS as readonly string[]).includes(name)) out.push({ method: name, scope: "?" });
    }
  }
  return out;
}

const routes = routeFiles(V1).flatMap((file) =>
  exportsOf(readFileSync(file, "utf8")).map((e) => ({ ...e, path: apiPath(file), file: relative(ROOT, file) })),
);
const doc: OpenApiDocument = buildOpenApiDocument({ version: "1.2.3", serverUrl: "https://framecast.test" });

describe("the OpenAPI document covers every endpoint", () => {
  it("finds the route files (sanity check of the walker)", () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
    expect(routes).toContainEqual(expect.objectContaining({ method: "POST", path: "/v1/jobs/{id}/cancel" }));
  });

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))("%s is documented", (_, r) => {
    expect(doc.paths[r.path]?.[r.method.toLowerCase()], `${r.file} exports ${r.method} but lib/openapi/operations.ts does not list it`).toBeDefined();
  });

  it("documents no operation that does not exist", () => {
    const existing = new Set(routes.map((r) => `${r.method.toLowerCase()} ${r.path}`));
    const documented = OPERATIONS.map((o) => `${o.method} ${o.path}`);
    expect(documented.filter((d) => !existing.has(d))).toEqual([]);
  });

  it("documents the auth and scope the route wrapper enforces", () => {
    for (const r of routes) {
      const op = OPERATIONS.find((o) => o.path === r.path && o.method === r.method.toLowerCase());
      if (!op || r.scope === "?") continue;
      expect(`${r.method} ${r.path}: ${op.scope}`).toBe(`${r.method} ${r.path}: ${r.scope}`);
    }
  });
});

/** Every `$ref` anywhere in the document. */
function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

function resolve(pointer: string): unknown {
  expect(pointer.startsWith("#/"), `${pointer} is not a local reference`).toBe(true);
  return pointer
    .slice(2)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), doc);
}

const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));

describe("the OpenAPI document is well formed", () => {
  it("is OpenAPI 3.1 with the given version and server", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.version).toBe("1.2.3");
    expect(doc.servers).toEqual([{ url: "https://framecast.test" }]);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("every $ref resolves", () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(50);
    for (const r of new Set(all)) expect(resolve(r), `${r} does not resolve`).toBeDefined();
  });

  it("components carry no per-schema $schema or $id", () => {
    for (const [name, s] of Object.entries(doc.components.schemas)) {
      expect(s, name).not.toHaveProperty("$schema");
      expect(s, name).not.toHaveProperty("$id");
    }
  });

  it("operationIds are unique and every operation has a tag, a 2xx response and a summary", () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set<string>(TAGS.map((t) => t.name));
    for (const { path, method, op } of operations) {
      const where = `${method} ${path}`;
      expect(op.summary, where).toBeTruthy();
      expect(op.tags.every((t) => tags.has(t)), where).toBe(true);
      expect(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)), where).toBe(true);
      for (const [status, r] of Object.entries(op.responses)) {
        expect(r.description, `${where} ${status}`).toBeTruthy();
        if (Number(status) >= 400) expect(r.content, `${where} ${status}`).toMatchObject({ "application/json": { schema: { $ref: "#/components/schemas/Error" } } });
      }
    }
  });

  it("path templates and path parameters agree", () => {
    for (const { path, method, op } of operations) {
      const inTemplate = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name as string).sort();
      expect(declared, `${method} ${path}`).toEqual(inTemplate);
      for (const p of (op.parameters ?? []).filter((p) => p.in === "path")) expect(p.required).toBe(true);
    }
  });

  it("protected operations need bearer auth and name their scope; public ones need none", () => {
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    for (const { path, method, op } of operations) {
      const where = `${method} ${path}`;
      if (op.security) {
        expect(op.security, where).toEqual([]);
        expect(op["x-required-scope"], where).toBeUndefined();
      } else {
        expect(op["x-required-scope"], where).toBeTruthy();
        expect(op.description, where).toContain("**Scope**");
        expect(op.responses["401"], where).toBeDefined();
      }
      expect(op.responses["429"], where).toBeDefined();
    }
    expect(doc.paths["/v1/status"]!.get!.security).toEqual([]);
    expect(doc.paths["/v1/jobs/{id}/cancel"]!.post!["x-required-scope"]).toBe("jobs:write");
  });

  it("rate-limit headers are on every response; Retry-After on the rate-limit 429", () => {
    for (const { op } of operations) {
      for (const r of Object.values(op.responses)) expect(Object.keys(r.headers as object)).toContain("X-RateLimit-Remaining");
      expect(Object.keys(op.responses["429"]!.headers as object)).toContain("Retry-After");
    }
  });

  it("generate and clone take an Idempotency-Key and document the replay", () => {
    for (const op of [doc.paths["/v1/generate"]!.post!, doc.paths["/v1/jobs/{id}/clone"]!.post!]) {
      expect(op.parameters).toContainEqual({ $ref: "#/components/parameters/IdempotencyKey" });
      expect(op.responses["201"]).toBeDefined();
      expect(Object.keys(op.responses["200"]!.headers as object)).toContain("Idempotent-Replayed");
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["402", "409", "422", "429"]));
    }
  });

  it("request bodies reference the handlers' schemas; validate also takes YAML; events are an event stream", () => {
    const body = (path: string, method: string) => (doc.paths[path]![method]!.requestBody as { content: Record<string, unknown> }).content;
    expect(body("/v1/generate", "post")["application/json"]).toMatchObject({ schema: { $ref: "#/components/schemas/GenerateRequest" } });
    expect(Object.keys(body("/v1/spec/validate", "post"))).toEqual(["application/json", "application/yaml"]);
    expect(doc.paths["/v1/jobs/{id}/events"]!.get!.responses["200"]!.content).toHaveProperty(["text/event-stream"]);
    const gen = doc.components.schemas.GenerateRequest as { additionalProperties: boolean; required: string[] };
    expect(gen.additionalProperties).toBe(false);
    expect(gen.required).toEqual(["spec"]);
    // io: "input": defaults make fields optional in requests
    expect((doc.components.schemas.CreateApiKeyRequest as { required?: string[] }).required ?? []).toEqual([]);
  });

  it("list queries become query parameters with their limits", () => {
    const params = doc.paths["/v1/jobs"]!.get!.parameters!;
    expect(params).toContainEqual(expect.objectContaining({ name: "limit", in: "query", required: false, schema: expect.objectContaining({ maximum: 100, default: 20 }) }));
    expect(params.map((p) => p.name)).toEqual(["limit", "cursor", "status", "owner", "project_id", "created_after", "created_before", "include"]);
  });
});
