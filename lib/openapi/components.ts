/**
 * `components.schemas`: the zod schemas the handlers use, named. Request schemas are converted with
 * `io: "input"` (defaults optional, before transforms), responses with `io: "output"`.
 */
import { z } from "zod";
import { updateAccountSchema, userSchema } from "@/lib/accounts/schemas";
import { apiKeySchema, createApiKeySchema, renameApiKeySchema } from "@/lib/api-keys/schemas";
import { errorEnvelopeSchema } from "@/lib/http/errors";
import { cloneSchema, generateSchema } from "@/lib/jobs/schemas";
import { renderOptionsSchema, storyboardSchema } from "@/lib/storyboard/schema";
import { generateSpecRequestSchema } from "@/lib/assistant/schemas";
import { assetSchema, uploadRequestSchema } from "@/lib/assets/schemas";
import { createProjectSchema, projectSchema, renameProjectSchema, renderProjectSchema } from "@/lib/projects/schemas";
import { createWebhookSchema, deliverySchema, updateWebhookSchema, webhookSchema } from "@/lib/webhooks/schemas";
import { acceptByTokenSchema, invitationSchema, inviteSchema } from "@/lib/invitations/schemas";
import { changeRoleSchema, createTeamSchema, memberSchema, membershipSchema, teamSchema, updateTeamSchema } from "@/lib/teams/schemas";
import { estimateRequestSchema } from "@/lib/storyboard/schemas";
import { createTransferSchema, ledgerPageSchema, transferResultSchema } from "@/lib/credits/schemas";
import { systemAssetDetailSchema, systemAssetListSchema, systemAssetSchema } from "@/lib/system-assets/schemas";
import {
  apiKeyCreatedSchema,
  estimateSchema,
  generatedSpecSchema,
  jobEventSchema,
  jobOutputSchema,
  jobProgressSchema,
  jobSchema,
  listOf,
  statusSchema,
  storyboardIssueSchema,
  usageSchema,
  validationResultSchema,
} from "./schemas";

/** Shared by both directions (no defaults or transforms, so input and output agree). */
const shared = { Storyboard: storyboardSchema, RenderOptions: renderOptionsSchema } as const;

const requests = {
  ...shared,
  GenerateRequest: generateSchema,
  CloneRequest: cloneSchema,
  EstimateRequest: estimateRequestSchema,
  GenerateSpecRequest: generateSpecRequestSchema,
  UploadRequest: uploadRequestSchema,
  CreateTeamRequest: createTeamSchema,
  UpdateTeamRequest: updateTeamSchema,
  ChangeRoleRequest: changeRoleSchema,
  InviteRequest: inviteSchema,
  CreateWebhookRequest: createWebhookSchema,
  UpdateWebhookRequest: updateWebhookSchema,
  CreateProjectRequest: createProjectSchema,
  RenameProjectRequest: renameProjectSchema,
  RenderProjectRequest: renderProjectSchema,
  AcceptInvitationRequest: acceptByTokenSchema,
  CreateApiKeyRequest: createApiKeySchema,
  RenameApiKeyRequest: renameApiKeySchema,
  UpdateAccountRequest: updateAccountSchema,
  CreateTransferRequest: createTransferSchema,
} as const;

const responses = {
  ...shared,
  Error: errorEnvelopeSchema,
  User: userSchema,
  Usage: usageSchema,
  TransferResult: transferResultSchema,
  LedgerPage: ledgerPageSchema,
  ApiKey: apiKeySchema,
  ApiKeyCreated: apiKeyCreatedSchema,
  ApiKeyList: listOf(apiKeySchema),
  Job: jobSchema,
  JobProgress: jobProgressSchema,
  JobOutput: jobOutputSchema,
  JobList: listOf(jobSchema),
  JobEvent: jobEventSchema,
  SystemAsset: systemAssetSchema,
  SystemAssetDetail: systemAssetDetailSchema,
  SystemAssetList: systemAssetListSchema,
  Status: statusSchema,
  StoryboardIssue: storyboardIssueSchema,
  ValidationResult: validationResultSchema,
  Estimate: estimateSchema,
  GeneratedSpec: generatedSpecSchema,
  Asset: assetSchema,
  Team: teamSchema,
  TeamList: listOf(teamSchema),
  TeamCreated: z.object({ team: teamSchema, membership: membershipSchema }),
  Member: memberSchema,
  MemberList: listOf(memberSchema),
  LeaveResult: z.object({ team_deleted: z.boolean() }),
  Webhook: webhookSchema,
  WebhookList: listOf(webhookSchema),
  WebhookCreated: z.object({ webhook: webhookSchema, secret: z.string().meta({ description: "Shown once: sign-check with it." }) }),
  WebhookDelivery: deliverySchema,
  WebhookDeliveryList: listOf(deliverySchema),
  Project: projectSchema,
  ProjectList: listOf(projectSchema),
  ProjectDetail: projectSchema.extend({ latest_job: jobSchema.nullable() }),
  ProjectSpecSaved: projectSchema.extend({ validation: validationResultSchema }),
  Invitation: invitationSchema,
  InvitationList: listOf(invitationSchema),
  InvitationCreated: z.object({
    invitation: invitationSchema,
    token: z.string().meta({ description: "Shown once; only its hash is stored." }),
    invite_url: z.string().meta({ description: "`<APP_URL>/invite/<token>`: send it to the invitee." }),
  }),
  InvitationAccepted: z.object({ invitation: invitationSchema, team: teamSchema, membership: membershipSchema }),
  Upgrade: z.object({ user: userSchema, team: teamSchema.nullable(), membership: membershipSchema.nullable() }),
  AssetList: listOf(assetSchema),
  AssetUpload: z.object({
    asset: assetSchema,
    upload_url: z.string().meta({ description: "Presigned PUT, 15 minutes." }),
    upload_headers: z.record(z.string(), z.string()).meta({ description: "Send these headers with the PUT." }),
  }),
} as const;

export type ComponentName = keyof typeof requests | keyof typeof responses;

export const REF_PREFIX = "#/components/schemas/";
export const ref = (name: string) => ({ $ref: `${REF_PREFIX}${name}` });

type JsonSchema = Record<string, unknown>;

function convert(schemas: Record<string, z.ZodType>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: out } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    uri: (id) => `${REF_PREFIX}${id}`,
  });
  const clean: Record<string, JsonSchema> = {};
  for (const [id, s] of Object.entries(out)) {
    const rest: JsonSchema = { ...(s as JsonSchema) };
    delete rest.$schema;
    delete rest.$id;
    clean[id] = rest;
  }
  return clean;
}

/** A storyboard field (`spec`) accepts the storyboard object or its YAML/JSON text. */
const SPEC_FIELD = {
  description: "The storyboard: an object, or YAML/JSON text (at most 100 KB).",
  anyOf: [ref("Storyboard"), { type: "string", description: "The storyboard as YAML or JSON text." }],
};

function withSpecRef(schema: JsonSchema): JsonSchema {
  const props = schema.properties as Record<string, JsonSchema> | undefined;
  if (!props?.spec) return schema;
  return { ...schema, properties: { ...props, spec: SPEC_FIELD } };
}

const OWNER_NOTE = "Owner URN to act for (default: the API key's owner, else your personal URN).";

/** Descriptions for request fields whose zod schema has none (documentation only; never overrides). */
const FIELD_NOTES: Record<string, Record<string, string>> = {
  GenerateRequest: { owner: `${OWNER_NOTE} It is charged and owns the job.`, options: "Resolution, fps, seed and preview.", idempotency_key: "Same as the `Idempotency-Key` header." },
  CloneRequest: { owner: "Owner URN of the new job (default: the original job's owner).", options: "Render options (default: the original job's).", idempotency_key: "Same as the `Idempotency-Key` header." },
  EstimateRequest: { owner: "With an owner URN you may use, the response adds `balance` and `sufficient_credits`.", options: "Resolution, fps, seed and preview." },
  CreateApiKeyRequest: {
    name: "A label for the key.",
    owner: "Owner URN the key acts for (default: your personal URN; team URNs need a creator membership).",
    scopes: "What the key may do; `*` allows everything your role allows.",
    expires_at: "Expiry (ISO-8601, in the future); null or absent = never.",
  },
  RenameApiKeyRequest: { name: "The new label." },
  UpdateAccountRequest: { name: "Display name; null clears it.", avatar_url: "An http(s) image URL; null clears it." },
};

function withFieldNotes(name: string, schema: JsonSchema): JsonSchema {
  const props = schema.properties as Record<string, JsonSchema> | undefined;
  const notes = FIELD_NOTES[name];
  if (!props || !notes) return schema;
  const described = Object.fromEntries(
    Object.entries(props).map(([k, p]) => [k, p.description || !notes[k] ? p : { description: notes[k], ...p }]),
  );
  return { ...schema, properties: described };
}

/** Every named schema, converted once. */
export function componentSchemas(): Record<string, JsonSchema> {
  const req = convert(requests, "input");
  for (const name of ["GenerateRequest", "EstimateRequest"]) req[name] = withSpecRef(req[name]!);
  for (const name of Object.keys(FIELD_NOTES)) req[name] = withFieldNotes(name, req[name]!);
  return { ...convert(responses, "output"), ...req };
}

/** Converts a query or path schema (an object) into its JSON Schema, for parameters. */
export function objectJsonSchema(schema: z.ZodObject): { properties: Record<string, JsonSchema>; required: string[] } {
  const js = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as JsonSchema;
  return { properties: (js.properties ?? {}) as Record<string, JsonSchema>, required: (js.required ?? []) as string[] };
}
