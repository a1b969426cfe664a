/**
 * The OpenAPI 3.1 document (spec part 2 §2), built from the operation registry and the zod schemas
 * the handlers validate with. Served at GET /v1/openapi.json and rendered by /docs.
 */
import { config } from "@/lib/config";
import { ERROR_STATUS, type ErrorCode } from "@/lib/http/errors";
import { componentSchemas, objectJsonSchema, ref } from "./components";
import { EXAMPLE_YAML, OPERATIONS, TAGS, type OperationSpec, type ResponseSpec } from "./operations";

type Json = Record<string, unknown>;

export interface OpenApiOperation extends Json {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  parameters?: Json[];
  requestBody?: Json;
  responses: Record<string, Json>;
  "x-required-scope"?: string;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<string, Json>;
    securitySchemes: Record<string, Json>;
    headers: Record<string, Json>;
    parameters: Record<string, Json>;
  };
}

/** What each error code means, in one line (the docs page and the error responses use it). */
export const ERROR_MEANINGS: Record<ErrorCode, string> = {
  BAD_REQUEST: "The body is not valid JSON.",
  UNAUTHORIZED: "Missing, invalid, expired or revoked credentials.",
  INSUFFICIENT_CREDITS: "Not enough credits; `details.required` and `details.balance` say how many.",
  FORBIDDEN: "Authenticated but not allowed, e.g. the API key lacks the scope or the owner is not yours to use.",
  NOT_FOUND: "No such resource, or one you may not see (existence is never leaked); also malformed ids.",
  METHOD_NOT_ALLOWED: "The path exists but not with this method.",
  INVALID_STATE: "The resource's state does not allow this (e.g. canceling a finished job).",
  ASSET_IN_USE: "The asset is used by a queued or processing job; delete it once the job has finished.",
  CONFLICT: "Conflicts with existing data, e.g. an idempotency key reused with a different body.",
  LIMIT_EXCEEDED: "A count limit of the plan or team is reached.",
  GONE: "The requested event history has expired.",
  PAYLOAD_TOO_LARGE: "The body is over 1 MiB.",
  UNSUPPORTED_MEDIA_TYPE: "The Content-Type is not accepted here.",
  VALIDATION_ERROR: "Invalid input: `details.errors` lists `{path, message, value?, valid_values?, limit?}`.",
  CONCURRENCY_LIMIT_EXCEEDED: "Too many active jobs for the owner (1 personal, 5 per team).",
  RATE_LIMIT_EXCEEDED: "Too many requests this minute; retry after `Retry-After` seconds.",
  INTERNAL: "An unexpected error on our side; `details.request_id` identifies it.",
  SERVICE_UNAVAILABLE: "A backing service is down or not configured.",
};

const STANDARD_HEADERS = ["X-Request-Id", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"];

const HEADERS: Record<string, Json> = {
  "X-Request-Id": { description: "The request id (yours if you sent a valid one); also in the logs.", schema: { type: "string" } },
  "X-RateLimit-Limit": { description: "Requests allowed per minute.", schema: { type: "integer" } },
  "X-RateLimit-Remaining": { description: "Requests left in the current minute.", schema: { type: "integer" } },
  "X-RateLimit-Reset": { description: "When the window resets (unix seconds).", schema: { type: "integer" } },
  "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer" } },
  "X-RateLimit-RetryAfter": { description: "Seconds to wait before retrying (same as Retry-After).", schema: { type: "integer" } },
  "Idempotent-Replayed": { description: "`true` when the response is the original result of an earlier request with this key.", schema: { type: "string", enum: ["true"] } },
};

const headerRefs = (names: string[]) => Object.fromEntries(names.map((n) => [n, { $ref: `#/components/headers/${n}` }]));

const STATUS_TEXT: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  402: "Payment required",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  410: "Gone",
  413: "Payload too large",
  422: "Validation error",
  429: "Too many requests",
  500: "Internal error",
};

/** The error codes an operation can answer with: its own plus those every such operation has. */
export function operationErrors(op: OperationSpec): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  if (op.body && !op.body.yaml) ["BAD_REQUEST", "PAYLOAD_TOO_LARGE", "VALIDATION_ERROR"].forEach((c) => codes.add(c as ErrorCode));
  if (op.body?.yaml) codes.add("PAYLOAD_TOO_LARGE");
  if (op.scope !== "public") codes.add("UNAUTHORIZED");
  if (op.scope !== "public" && op.scope !== "any") codes.add("FORBIDDEN");
  if (op.params) codes.add("NOT_FOUND");
  if (op.query) codes.add("VALIDATION_ERROR");
  for (const c of op.errors ?? []) codes.add(c);
  codes.add("RATE_LIMIT_EXCEEDED");
  codes.add("INTERNAL");
  return [...codes].sort((a, b) => ERROR_STATUS[a] - ERROR_STATUS[b]);
}

function errorResponses(op: OperationSpec): Record<string, Json> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of operationErrors(op)) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  const out: Record<string, Json> = {};
  for (const [status, codes] of byStatus) {
    const headers = status === 429 && codes.includes("RATE_LIMIT_EXCEEDED") ? [...STANDARD_HEADERS, "Retry-After", "X-RateLimit-RetryAfter"] : STANDARD_HEADERS;
    out[String(status)] = {
      description: `${STATUS_TEXT[status] ?? "Error"}. ${codes.map((c) => `\`${c}\`: ${ERROR_MEANINGS[c]}`).join(" ")}`,
      headers: headerRefs(headers),
      content: {
        "application/json": {
          schema: ref("Error"),
          example: { error: { code: codes[0], message: ERROR_MEANINGS[codes[0]!].replace(/`/g, "") } },
        },
      },
    };
  }
  return out;
}

function successResponse(r: ResponseSpec): Json {
  const out: Json = { description: r.description, headers: headerRefs([...STANDARD_HEADERS, ...(r.headers ?? [])]) };
  if (r.schema) out.content = { "application/json": { schema: ref(r.schema) } };
  else if (r.content) out.content = r.content;
  return out;
}

/** Descriptions for parameters whose zod schema has none. */
const PARAM_NOTES: Record<string, string> = {
  id: "The resource's id.",
  limit: "Page size.",
  cursor: "The `next_cursor` of the previous page.",
  status: "Only jobs with this status.",
  owner: "Only this owner URN.",
  project_id: "Only jobs of this project.",
  created_after: "Only jobs created at or after this ISO-8601 time.",
  created_before: "Only jobs created at or before this ISO-8601 time.",
  category: "Only this category.",
  tag: "Only assets with this tag (case-insensitive).",
  period: "The month, `YYYY-MM` (default: the current UTC month).",
  last_event_id: "Resume after this event, for clients that cannot send the `Last-Event-ID` header.",
};

function parameters(op: OperationSpec): Json[] {
  const list: Json[] = [];
  for (const [where, schema] of [
    ["path", op.params],
    ["query", op.query],
  ] as const) {
    if (!schema) continue;
    const { properties, required } = objectJsonSchema(schema);
    for (const [name, prop] of Object.entries(properties)) {
      const { description = PARAM_NOTES[name], ...rest } = prop;
      list.push({
        name,
        in: where,
        required: where === "path" || required.includes(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  for (const h of op.headerParams ?? []) list.push({ name: h.name, in: "header", required: false, description: h.description, schema: h.schema });
  if (op.idempotent) list.push({ $ref: "#/components/parameters/IdempotencyKey" });
  return list;
}

function scopeNote(op: OperationSpec): string {
  if (op.scope === "public") return "**Public**: no authentication needed.";
  if (op.scope === "any") return "**Scope**: any valid credentials (no particular API-key scope).";
  return `**Scope**: \`${op.scope}\` (API keys need it, or \`*\`; sessions and Supabase tokens have every scope).`;
}

function operation(op: OperationSpec): OpenApiOperation {
  const out: OpenApiOperation = {
    operationId: op.operationId,
    summary: op.summary,
    description: `${op.description}\n\n${scopeNote(op)}`,
    tags: [op.tag],
    responses: {},
  };
  if (op.scope === "public") out.security = [];
  else out["x-required-scope"] = op.scope;
  const params = parameters(op);
  if (params.length) out.parameters = params;
  if (op.body) {
    const content: Json = { "application/json": { schema: ref(op.body.schema), ...(op.body.example ? { example: op.body.example } : {}) } };
    if (op.body.yaml) content["application/yaml"] = { schema: { type: "string", description: "The storyboard as YAML text." }, example: EXAMPLE_YAML };
    out.requestBody = { required: op.body.required ?? false, content };
  }
  const responses: Record<string, Json> = {};
  for (const [status, r] of Object.entries(op.responses)) responses[status] = successResponse(r);
  Object.assign(responses, errorResponses(op));
  out.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
  return out;
}

const DESCRIPTION = `The Framecast REST API: storyboards in, video out. JSON in, JSON out, snake_case fields, ISO-8601 UTC timestamps.

Authenticate with \`Authorization: Bearer <token>\`, where the token is a Supabase access token (JWT) or an API key (\`sk_live_…\`). API keys are limited by their scopes (\`x-required-scope\` on each operation).

Errors are \`{"error": {"code", "message", "details"?}}\`. Lists take \`?limit=1..100\` (default 20) and \`&cursor=\` and return \`{"data": [...], "next_cursor"}\`. Every response carries \`X-Request-Id\` and the \`X-RateLimit-*\` headers.`;

export function buildOpenApiDocument(info: { version: string; serverUrl: string }): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operation(op);
  return {
    openapi: "3.1.0",
    info: { title: "Framecast API", version: info.version, description: DESCRIPTION },
    servers: [{ url: info.serverUrl }],
    tags: TAGS.map((t) => ({ name: t.name, description: t.description })),
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "Supabase JWT or sk_live_ API key",
          description:
            "A Supabase Auth access token (HS256 or the project's JWKS; `aud = authenticated`), or an API key `sk_live_<8>_<40>`. The browser app uses its session cookie instead.",
        },
      },
      headers: HEADERS,
      parameters: {
        IdempotencyKey: {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          description:
            "Makes the request safe to retry: the same key and body return the original job (200, `Idempotent-Replayed: true`); the same key with a different body is 409 `CONFLICT`. Same as the body's `idempotency_key` (both given must match).",
          schema: { type: "string", minLength: 1, maxLength: 255 },
        },
      },
    },
  };
}

let cached: OpenApiDocument | undefined;

/** The document for this deployment, built once per process. */
export function openApiDocument(): OpenApiDocument {
  const c = config();
  cached ??= buildOpenApiDocument({ version: c.APP_VERSION, serverUrl: c.APP_URL });
  return cached;
}
