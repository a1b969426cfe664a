/**
 * The registry of every `/v1` operation that exists: what the OpenAPI document (and the /docs page)
 * is built from. Request schemas are the ones the handlers validate with; `document.test.ts` fails
 * when a route file exports a method that is not listed here.
 */
import type { z } from "zod";
import { listApiKeysQuery } from "@/lib/api-keys/schemas";
import { usageQuerySchema } from "@/lib/accounts/schemas";
import type { Scope } from "@/lib/auth/scopes";
import type { ErrorCode } from "@/lib/http/errors";
import { idParams } from "@/lib/http/params";
import { listJobsQuery } from "@/lib/jobs/schemas";
import { jobEventsQuery } from "@/lib/jobs/sse";
import { listAssetsQuery } from "@/lib/assets/schemas";
import { listMembersQuery, listTeamsQuery, teamMemberParams } from "@/lib/teams/schemas";
import { invitationParams, listInvitationsQuery, myInvitationParams } from "@/lib/invitations/schemas";
import { listProjectsQuery } from "@/lib/projects/schemas";
import { listSystemAssetsQuery, systemAssetIdParams } from "@/lib/system-assets/schemas";
import type { ComponentName } from "./components";

export const TAGS = [
  { name: "Account", description: "The signed-in user: profile, deletion and monthly usage." },
  { name: "Teams", description: "Creator accounts: teams with roles (owner, admin, member, viewer), their credits and members." },
  { name: "Projects", description: "A team's storyboards that render into kept (non-ephemeral) jobs, one render at a time." },
  { name: "API keys", description: "Scoped `sk_live_` keys for scripts and servers. The raw key is shown once, at creation." },
  { name: "Storyboards", description: "Validate and estimate storyboards, and fetch the storyboard JSON Schema." },
  { name: "Jobs", description: "Render jobs: create, list, follow live, cancel, clone and delete." },
  { name: "Assets", description: "Your own images and sounds (reference images, music, voices): upload straight to storage, confirm, use by id in storyboards." },
  { name: "System assets", description: "The built-in catalog of licence-free sounds usable in any storyboard." },
  { name: "Status", description: "Service health and this document." },
] as const;
export type Tag = (typeof TAGS)[number]["name"];

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface ResponseSpec {
  description: string;
  /** A component schema (application/json); omitted for 204. */
  schema?: ComponentName;
  /** Another media type with an inline schema (SSE, JSON Schema). */
  content?: Record<string, { schema: Record<string, unknown>; example?: unknown }>;
  headers?: string[];
}

export interface OperationSpec {
  method: HttpMethod;
  path: string;
  operationId: string;
  tag: Tag;
  summary: string;
  description: string;
  /** "public": no credentials; otherwise the API-key scope needed ("any": every valid key). */
  scope: Scope | "any" | "public";
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: { schema: ComponentName; yaml?: boolean; required?: boolean; example?: unknown };
  idempotent?: boolean;
  headerParams?: { name: string; description: string; schema: Record<string, unknown> }[];
  responses: Record<number, ResponseSpec>;
  /** Operation-specific errors; 401, 403 (scope), 404 (path ids), 422/400/413 (input), 429 and 500 are added. */
  errors?: ErrorCode[];
}

const EXAMPLE_SPEC = {
  title: "Lighthouse at dawn",
  scenes: [
    { id: "storm", prompt: "A lighthouse in a storm at night", duration: 5 },
    { id: "dawn", prompt: "The same lighthouse at sunrise over a calm sea", duration: 5 },
  ],
  transitions: { default: "fade" },
};

export const EXAMPLE_YAML = `title: Lighthouse at dawn
scenes:
  - id: storm
    prompt: A lighthouse in a storm at night
    duration: 5
`;

const eventStream = {
  schema: { type: "string", description: "A stream of server-sent events; each `data:` line is a JobEvent (JSON)." },
  example:
    'retry: 2000\n\nid: 5b0e3c7a-7f43-4a52-9d5e-0e6f3b1c2d4e:1\nevent: queued\ndata: {"status":"queued","credits_charged":100,"job_id":"5b0e3c7a-7f43-4a52-9d5e-0e6f3b1c2d4e","sequence":1,"event_type":"queued","created_at":"2026-03-01T12:00:00.000Z"}\n\n: ping\n\n',
};

export const OPERATIONS: OperationSpec[] = [
  // Status
  {
    method: "get",
    path: "/v1/status",
    operationId: "getStatus",
    tag: "Status",
    summary: "Service status",
    description: "The version and whether the database and storage are reachable. Always 200; `status` is `degraded` when a backing store is down.",
    scope: "public",
    responses: { 200: { description: "The service status.", schema: "Status" } },
  },
  {
    method: "get",
    path: "/v1/openapi.json",
    operationId: "getOpenApiDocument",
    tag: "Status",
    summary: "OpenAPI document",
    description: "This OpenAPI 3.1 document, generated from the zod schemas the handlers validate with.",
    scope: "public",
    responses: { 200: { description: "The OpenAPI document.", content: { "application/json": { schema: { type: "object" } } } } },
  },

  // Account
  {
    method: "get",
    path: "/v1/account",
    operationId: "getAccount",
    tag: "Account",
    summary: "Get the account",
    description: "The caller's user object. The first request of a new Supabase user creates it.",
    scope: "any",
    responses: { 200: { description: "The user.", schema: "User" } },
  },
  {
    method: "patch",
    path: "/v1/account",
    operationId: "updateAccount",
    tag: "Account",
    summary: "Update the profile",
    description: "Change `name` and `avatar_url` (http(s) only); `null` clears a field.",
    scope: "any",
    body: { schema: "UpdateAccountRequest", required: true, example: { name: "Ada Lovelace" } },
    responses: { 200: { description: "The updated user.", schema: "User" } },
  },
  {
    method: "delete",
    path: "/v1/account",
    operationId: "deleteAccount",
    tag: "Account",
    summary: "Delete the account",
    description:
      "Deletes the account with its personal jobs and assets, and teams where the caller is the only member. Refused (409 `CONFLICT`) while the caller is the sole owner of a team that has other members.",
    scope: "any",
    responses: { 204: { description: "Deleted." } },
    errors: ["CONFLICT"],
  },
  {
    method: "get",
    path: "/v1/account/usage",
    operationId: "getAccountUsage",
    tag: "Account",
    summary: "Monthly usage",
    description: "One entry per accessible owner URN (personal and teams) for the month, with zeros where nothing happened, and the totals. `period` defaults to the current UTC month.",
    scope: "any",
    query: usageQuerySchema,
    responses: { 200: { description: "Usage of the month.", schema: "Usage" } },
  },

  // API keys
  {
    method: "get",
    path: "/v1/auth/keys",
    operationId: "listApiKeys",
    tag: "API keys",
    summary: "List API keys",
    description: "The caller's own keys, newest first; never the raw key or its hash.",
    scope: "any",
    query: listApiKeysQuery,
    responses: { 200: { description: "A page of keys.", schema: "ApiKeyList" } },
  },
  {
    method: "post",
    path: "/v1/auth/keys",
    operationId: "createApiKey",
    tag: "API keys",
    summary: "Create an API key",
    description:
      "Defaults: name `Default`, the caller's personal owner URN, scopes `[\"*\"]`, no expiry. Starters may hold only `generate`, `jobs:*`, `assets:*` and `*`, for their personal URN; a key used to create keys cannot grant scopes it lacks or another owner (403). The raw key is in this response only.",
    scope: "any",
    body: { schema: "CreateApiKeyRequest", example: { name: "CI", scopes: ["generate", "jobs:read"] } },
    responses: { 201: { description: "The key and its raw secret.", schema: "ApiKeyCreated" } },
    errors: ["FORBIDDEN"],
  },
  {
    method: "get",
    path: "/v1/auth/keys/{id}",
    operationId: "getApiKey",
    tag: "API keys",
    summary: "Get an API key",
    description: "One of the caller's keys.",
    scope: "any",
    params: idParams,
    responses: { 200: { description: "The key.", schema: "ApiKey" } },
  },
  {
    method: "patch",
    path: "/v1/auth/keys/{id}",
    operationId: "renameApiKey",
    tag: "API keys",
    summary: "Rename an API key",
    description: "Only `name` can change; scopes and owner are immutable (other fields are 422).",
    scope: "any",
    params: idParams,
    body: { schema: "RenameApiKeyRequest", required: true, example: { name: "Deploy bot" } },
    responses: { 200: { description: "The renamed key.", schema: "ApiKey" } },
  },
  {
    method: "delete",
    path: "/v1/auth/keys/{id}",
    operationId: "revokeApiKey",
    tag: "API keys",
    summary: "Revoke an API key",
    description: "Revokes the key at once; revoking twice is fine.",
    scope: "any",
    params: idParams,
    responses: { 204: { description: "Revoked." } },
  },

  // Storyboards
  {
    method: "post",
    path: "/v1/spec/validate",
    operationId: "validateStoryboard",
    tag: "Storyboards",
    summary: "Validate a storyboard",
    description:
      "The body is the storyboard itself: JSON, or YAML with `Content-Type: application/yaml` (also `text/yaml`, `application/x-yaml`). Always 200, valid or not; an unparseable document is `valid: false` with one positioned error. YAML issues carry `line` and `column`.",
    scope: "any",
    body: { schema: "Storyboard", yaml: true, required: true, example: EXAMPLE_SPEC },
    responses: { 200: { description: "Every error and warning at once.", schema: "ValidationResult" } },
  },
  {
    method: "post",
    path: "/v1/spec/estimate",
    operationId: "estimateStoryboard",
    tag: "Storyboards",
    summary: "Estimate a storyboard",
    description:
      "Length, credits and generation time of a render, exactly what a render would charge. With `owner` (an owner URN the caller may use, else 403) also `balance` and `sufficient_credits`. An invalid storyboard is 422 with `details.errors` and `details.warnings`.",
    scope: "any",
    body: { schema: "EstimateRequest", required: true, example: { spec: EXAMPLE_SPEC, options: { resolution: "720p" } } },
    responses: { 200: { description: "The estimate.", schema: "Estimate" } },
    errors: ["FORBIDDEN"],
  },
  {
    method: "post",
    path: "/v1/spec/generate",
    operationId: "generateStoryboard",
    tag: "Storyboards",
    summary: "Draft a storyboard with AI",
    description:
      "Claude writes a storyboard from a brief (or revises `base_spec` as the brief asks), using a tool whose schema is the storyboard's. Our validator checks it; up to 2 repair rounds send its errors back. Returns the storyboard as an object and as YAML, its validation, the estimate (null if still invalid) and the tokens used. 503 `SERVICE_UNAVAILABLE` when the assistant is not enabled on the server (no `ANTHROPIC_API_KEY`) or Claude is unavailable. Counts toward the rate limit.",
    scope: "generate",
    body: { schema: "GenerateSpecRequest", required: true, example: { brief: "A 15 second teaser: a lighthouse keeper sees a ghost ship in a storm.", duration_seconds: 15, style: "35mm film, moody" } },
    responses: { 200: { description: "The drafted storyboard.", schema: "GeneratedSpec" } },
    errors: ["FORBIDDEN", "SERVICE_UNAVAILABLE"],
  },
  {
    method: "get",
    path: "/v1/spec/schema.json",
    operationId: "getStoryboardJsonSchema",
    tag: "Storyboards",
    summary: "Storyboard JSON Schema",
    description: "The storyboard's JSON Schema (draft 2020-12) with descriptions and examples, for editor completion and hover docs. Cacheable for 5 minutes.",
    scope: "public",
    responses: {
      200: {
        description: "The JSON Schema.",
        content: { "application/schema+json": { schema: { $ref: "#/components/schemas/Storyboard" } } },
      },
    },
  },

  // System assets
  {
    method: "get",
    path: "/v1/system-assets",
    operationId: "listSystemAssets",
    tag: "System assets",
    summary: "List system assets",
    description: "The catalog of built-in sounds, ordered by id (the cursor runs over ids ascending). `tag` matches case-insensitively; an unknown `category` is 422.",
    scope: "assets:read",
    query: listSystemAssetsQuery,
    responses: { 200: { description: "A page of assets.", schema: "SystemAssetList" } },
  },
  {
    method: "get",
    path: "/v1/system-assets/{id}",
    operationId: "getSystemAsset",
    tag: "System assets",
    summary: "Get a system asset",
    description: "One asset with `preview_url`, a presigned GET of the file valid for 24 hours.",
    scope: "assets:read",
    params: systemAssetIdParams,
    responses: { 200: { description: "The asset.", schema: "SystemAssetDetail" } },
  },

  // Teams
  {
    method: "post",
    path: "/v1/account/upgrade",
    operationId: "upgradeAccount",
    tag: "Account",
    summary: "Upgrade to creator",
    description:
      "Starter → creator in one step: the account becomes a creator, gets a team \"My Team\" (slug `my-team-<8 hex>`) with you as owner, and a draft project \"Welcome to Framecast\" holding the welcome storyboard. For a creator it changes nothing and returns the current state (your first team).",
    scope: "any",
    responses: { 200: { description: "The account, its team and membership.", schema: "Upgrade" } },
  },
  {
    method: "get",
    path: "/v1/teams",
    operationId: "listTeams",
    tag: "Teams",
    summary: "List my teams",
    description: "Teams you belong to, with your `role`, newest first. A key owned by a team or membership URN sees only that team. Creators only (403 for starters).",
    scope: "team:read",
    query: listTeamsQuery,
    responses: { 200: { description: "A page of teams.", schema: "TeamList" } },
  },
  {
    method: "post",
    path: "/v1/teams",
    operationId: "createTeam",
    tag: "Teams",
    summary: "Create a team",
    description: "A team with you as its owner. `slug` (default: the name slugified plus 8 hex characters) is unique and immutable: taken → 409 `CONFLICT`. You can own at most 10 teams and be in at most 50 (409 `LIMIT_EXCEEDED`). Creators only (403 for starters).",
    scope: "team:admin",
    body: { schema: "CreateTeamRequest", required: true, example: { name: "Night Shift Studio" } },
    responses: { 201: { description: "The team and your membership.", schema: "TeamCreated" } },
    errors: ["CONFLICT", "LIMIT_EXCEEDED"],
  },
  {
    method: "get",
    path: "/v1/teams/{id}",
    operationId: "getTeam",
    tag: "Teams",
    summary: "Get a team",
    description: "Any member; others get 404. Creators only (403 for starters).",
    scope: "team:read",
    params: idParams,
    responses: { 200: { description: "The team with your role.", schema: "Team" } },
  },
  {
    method: "patch",
    path: "/v1/teams/{id}",
    operationId: "updateTeam",
    tag: "Teams",
    summary: "Update a team",
    description: "Owners and admins: `name` and/or `settings` (free-form, replaced). The slug never changes. Creators only (403 for starters).",
    scope: "team:admin",
    params: idParams,
    body: { schema: "UpdateTeamRequest", required: true, example: { name: "Night Shift" } },
    responses: { 200: { description: "The team.", schema: "Team" } },
  },
  {
    method: "delete",
    path: "/v1/teams/{id}",
    operationId: "deleteTeam",
    tag: "Teams",
    summary: "Delete a team",
    description: "The owner, as the sole member, with no renders in progress and another team to stay in (409 `INVALID_STATE` otherwise). Its projects, jobs, assets and files go with it. Creators only (403 for starters).",
    scope: "team:admin",
    params: idParams,
    responses: { 204: { description: "Deleted." } },
    errors: ["INVALID_STATE"],
  },
  {
    method: "get",
    path: "/v1/teams/{id}/members",
    operationId: "listTeamMembers",
    tag: "Teams",
    summary: "List members",
    description: "Any member; oldest first, each with the user's id, email, name and avatar. Creators only (403 for starters).",
    scope: "team:read",
    params: idParams,
    query: listMembersQuery,
    responses: { 200: { description: "A page of members.", schema: "MemberList" } },
  },
  {
    method: "patch",
    path: "/v1/teams/{id}/members/{user_id}",
    operationId: "changeMemberRole",
    tag: "Teams",
    summary: "Change a member's role",
    description: "Owners may make any change; admins never to or from owner; nobody changes their own role (403). The last owner cannot be demoted (409 `INVALID_STATE`). Creators only (403 for starters).",
    scope: "team:admin",
    params: teamMemberParams,
    body: { schema: "ChangeRoleRequest", required: true, example: { role: "admin" } },
    responses: { 200: { description: "The membership with the user.", schema: "Member" } },
    errors: ["INVALID_STATE", "LIMIT_EXCEEDED"],
  },
  {
    method: "delete",
    path: "/v1/teams/{id}/members/{user_id}",
    operationId: "removeMember",
    tag: "Teams",
    summary: "Remove a member",
    description: "Owners may remove anyone, admins anyone but owners; not yourself (leave instead). A creator always keeps one team: removing someone from their only team is 409 `INVALID_STATE`. Creators only (403 for starters).",
    scope: "team:admin",
    params: teamMemberParams,
    responses: { 204: { description: "Removed." } },
    errors: ["INVALID_STATE"],
  },
  {
    method: "post",
    path: "/v1/teams/{id}/leave",
    operationId: "leaveTeam",
    tag: "Teams",
    summary: "Leave a team",
    description: "Any member. The last owner may leave only as the sole member, and the team is then deleted (`team_deleted: true`); with other members, make someone else owner first (409 `INVALID_STATE`). Your only team cannot be left. Creators only (403 for starters).",
    scope: "team:admin",
    params: idParams,
    responses: { 200: { description: "Left.", schema: "LeaveResult" } },
    errors: ["INVALID_STATE"],
  },

  {
    method: "get",
    path: "/v1/teams/{id}/invitations",
    operationId: "listTeamInvitations",
    tag: "Teams",
    summary: "List a team's invitations",
    description: "Owners and admins; every invitation with its `status` (pending, accepted, declined, revoked, expired), newest first. Creators only.",
    scope: "team:admin",
    params: idParams,
    query: listInvitationsQuery,
    responses: { 200: { description: "A page of invitations.", schema: "InvitationList" } },
  },
  {
    method: "post",
    path: "/v1/teams/{id}/invitations",
    operationId: "invite",
    tag: "Teams",
    summary: "Invite someone",
    description:
      "Owners and admins invite an email with a role (admin, member or viewer; default member), valid 7 days. The raw `token` and `invite_url` are in this response only (only a hash is stored). Refused: yourself (422), a member or someone with an open invitation (409 `CONFLICT`), more than 50 open invitations or 20 created today (UTC) (409 `LIMIT_EXCEEDED`). Creators only.",
    scope: "team:admin",
    params: idParams,
    body: { schema: "InviteRequest", required: true, example: { email: "ada@example.com", role: "member" } },
    responses: { 201: { description: "The invitation, its token and link.", schema: "InvitationCreated" } },
    errors: ["CONFLICT", "LIMIT_EXCEEDED"],
  },
  {
    method: "delete",
    path: "/v1/teams/{id}/invitations/{inv_id}",
    operationId: "revokeInvitation",
    tag: "Teams",
    summary: "Revoke an invitation",
    description: "Owners and admins; a pending or expired invitation (409 `INVALID_STATE` once accepted, declined or revoked). Creators only.",
    scope: "team:admin",
    params: invitationParams,
    responses: { 204: { description: "Revoked." } },
    errors: ["INVALID_STATE"],
  },
  {
    method: "post",
    path: "/v1/teams/{id}/invitations/{inv_id}/resend",
    operationId: "resendInvitation",
    tag: "Teams",
    summary: "Resend an invitation",
    description: "Owners and admins; a pending or expired invitation gets a new 7-day expiry and a new token (the old link stops working). Creators only.",
    scope: "team:admin",
    params: invitationParams,
    responses: { 200: { description: "The invitation, its new token and link.", schema: "InvitationCreated" } },
    errors: ["INVALID_STATE"],
  },
  {
    method: "get",
    path: "/v1/invitations",
    operationId: "listMyInvitations",
    tag: "Teams",
    summary: "My open invitations",
    description: "Pending invitations to your email address, with the inviting team.",
    scope: "any",
    responses: { 200: { description: "Your open invitations.", schema: "InvitationList" } },
  },
  {
    method: "post",
    path: "/v1/invitations/{inv_id}/accept",
    operationId: "acceptInvitation",
    tag: "Teams",
    summary: "Accept an invitation",
    description: "The invitee (matched by email; others 404). A starter becomes a creator with their own team and welcome project, then joins with the invited role. Expired, revoked or answered: 409 `INVALID_STATE`; already a member: 409 `CONFLICT`.",
    scope: "any",
    params: myInvitationParams,
    responses: { 200: { description: "The invitation, the team and your membership.", schema: "InvitationAccepted" } },
    errors: ["INVALID_STATE", "CONFLICT", "LIMIT_EXCEEDED"],
  },
  {
    method: "post",
    path: "/v1/invitations/accept",
    operationId: "acceptInvitationByToken",
    tag: "Teams",
    summary: "Accept an invitation by token",
    description: "The same as accepting by id, with the token from the invite link. Signed in as someone else than the invited email: 403.",
    scope: "any",
    body: { schema: "AcceptInvitationRequest", required: true, example: { token: "Zm9vYmFy…" } },
    responses: { 200: { description: "The invitation, the team and your membership.", schema: "InvitationAccepted" } },
    errors: ["INVALID_STATE", "CONFLICT", "LIMIT_EXCEEDED"],
  },
  {
    method: "post",
    path: "/v1/invitations/decline",
    operationId: "declineInvitationByToken",
    tag: "Teams",
    summary: "Decline an invitation by token",
    description: "The same as declining by id, with the token from the invite link (the invite page uses it). Signed in as someone else than the invited email: 403.",
    scope: "any",
    body: { schema: "AcceptInvitationRequest", required: true, example: { token: "Zm9vYmFy…" } },
    responses: { 200: { description: "The declined invitation.", schema: "Invitation" } },
    errors: ["INVALID_STATE"],
  },
  {
    method: "post",
    path: "/v1/invitations/{inv_id}/decline",
    operationId: "declineInvitation",
    tag: "Teams",
    summary: "Decline an invitation",
    description: "The invitee; a pending invitation only (409 `INVALID_STATE` otherwise).",
    scope: "any",
    params: myInvitationParams,
    responses: { 200: { description: "The declined invitation.", schema: "Invitation" } },
    errors: ["INVALID_STATE"],
  },

  {
    method: "get",
    path: "/v1/teams/{id}/projects",
    operationId: "listProjects",
    tag: "Projects",
    summary: "List a team's projects",
    description: "Any member; newest first, without their specs. Archived projects are left out unless `include_archived=true` or `status=archived`. Creators only.",
    scope: "projects:read",
    params: idParams,
    query: listProjectsQuery,
    responses: { 200: { description: "A page of projects.", schema: "ProjectList" } },
  },
  {
    method: "post",
    path: "/v1/teams/{id}/projects",
    operationId: "createProject",
    tag: "Projects",
    summary: "Create a project",
    description: "Owners, admins and members; `spec` is optional and may be invalid while it is being edited. Creators only.",
    scope: "projects:write",
    params: idParams,
    body: { schema: "CreateProjectRequest", required: true, example: { name: "Launch teaser" } },
    responses: { 201: { description: "The project.", schema: "Project" } },
  },
  {
    method: "get",
    path: "/v1/projects/{id}",
    operationId: "getProject",
    tag: "Projects",
    summary: "Get a project",
    description: "Any member of its team: the project with `spec` and `latest_job` (null before the first render). Creators only.",
    scope: "projects:read",
    params: idParams,
    responses: { 200: { description: "The project.", schema: "ProjectDetail" } },
  },
  {
    method: "patch",
    path: "/v1/projects/{id}",
    operationId: "renameProject",
    tag: "Projects",
    summary: "Rename a project",
    description: "Owners, admins and members; not while rendering (409 `INVALID_STATE`). Creators only.",
    scope: "projects:write",
    params: idParams,
    body: { schema: "RenameProjectRequest", required: true, example: { name: "Launch teaser v2" } },
    responses: { 200: { description: "The project.", schema: "Project" } },
    errors: ["INVALID_STATE"],
  },
  {
    method: "delete",
    path: "/v1/projects/{id}",
    operationId: "deleteProject",
    tag: "Projects",
    summary: "Delete a project",
    description: "Owners and admins; not while rendering (409). Its jobs stay, as ephemeral jobs. Creators only.",
    scope: "projects:write",
    params: idParams,
    responses: { 204: { description: "Deleted." } },
    errors: ["INVALID_STATE"],
  },
  {
    method: "put",
    path: "/v1/projects/{id}/spec",
    operationId: "replaceProjectSpec",
    tag: "Projects",
    summary: "Replace the storyboard",
    description: "Owners, admins and members; a draft or completed project (409 otherwise). The body is the storyboard: a JSON object, or YAML with `Content-Type: application/yaml`. It is saved even when invalid; the answer carries `validation`. An unreadable document is 422. Creators only.",
    scope: "projects:write",
    params: idParams,
    body: { schema: "Storyboard", yaml: true, required: true, example: EXAMPLE_SPEC },
    responses: { 200: { description: "The project and how its storyboard validates.", schema: "ProjectSpecSaved" } },
    errors: ["INVALID_STATE"],
  },
  {
    method: "post",
    path: "/v1/projects/{id}/archive",
    operationId: "archiveProject",
    tag: "Projects",
    summary: "Archive a project",
    description: "Owners and admins; a draft or completed project (409 otherwise). Creators only.",
    scope: "projects:write",
    params: idParams,
    responses: { 200: { description: "The project.", schema: "Project" } },
    errors: ["INVALID_STATE"],
  },
  {
    method: "post",
    path: "/v1/projects/{id}/unarchive",
    operationId: "unarchiveProject",
    tag: "Projects",
    summary: "Unarchive a project",
    description: "Owners and admins; an archived project becomes a draft (409 otherwise). Creators only.",
    scope: "projects:write",
    params: idParams,
    responses: { 200: { description: "The project.", schema: "Project" } },
    errors: ["INVALID_STATE"],
  },
  {
    method: "post",
    path: "/v1/projects/{id}/render",
    operationId: "renderProject",
    tag: "Projects",
    summary: "Render a project",
    description: "Owners, admins and members: the project's storyboard becomes a job owned by the team URN, charged to the team's credits; the project is `rendering` until it ends. One render per project at a time (409 `INVALID_STATE`), archived projects don't render (409). Idempotency as for `POST /v1/generate`. Creators only.",
    scope: "generate",
    params: idParams,
    body: { schema: "RenderProjectRequest", required: false, example: { options: { resolution: "720p" } } },
    idempotent: true,
    responses: { 201: { description: "The new job.", schema: "Job" }, 200: { description: "An idempotent replay: the original job.", schema: "Job", headers: ["Idempotent-Replayed"] } },
    errors: ["INSUFFICIENT_CREDITS", "CONFLICT", "INVALID_STATE", "CONCURRENCY_LIMIT_EXCEEDED"],
  },

  // Assets
  {
    method: "post",
    path: "/v1/assets/upload-url",
    operationId: "requestAssetUpload",
    tag: "Assets",
    summary: "Request an upload URL",
    description:
      "Creates a pending asset and a presigned `PUT` URL (15 minutes) with the content type and length bound into its signature: PUT the bytes there with `upload_headers`, then confirm. Types: image/jpeg, image/png, image/webp, audio/mpeg, audio/wav, audio/ogg, video/mp4; 1 byte to 50 MiB. Owner: `owner` (a URN you may use as owner, admin or member; default the key's owner, else personal), or the project's team with `project_id`.",
    scope: "assets:write",
    body: { schema: "UploadRequest", required: true, example: { filename: "keeper.png", content_type: "image/png", size_bytes: 48213 } },
    responses: { 201: { description: "The pending asset and where to upload it.", schema: "AssetUpload" } },
    errors: ["FORBIDDEN", "NOT_FOUND"],
  },
  {
    method: "post",
    path: "/v1/assets/{id}/confirm",
    operationId: "confirmAssetUpload",
    tag: "Assets",
    summary: "Confirm an upload",
    description:
      "Checks the uploaded object: it exists (else 409 `INVALID_STATE`, still pending), its size is the declared one ±5 %, and its bytes are the declared type. Then the asset is `ready` and counts toward your storage — or `failed` (422 with the reason; the object is removed). The uploader only; confirming a ready asset again returns it.",
    scope: "assets:write",
    params: idParams,
    responses: { 200: { description: "The ready asset.", schema: "Asset" } },
    errors: ["FORBIDDEN", "INVALID_STATE"],
  },
  {
    method: "get",
    path: "/v1/assets",
    operationId: "listAssets",
    tag: "Assets",
    summary: "List assets",
    description: "Asset files of every owner the caller can see, newest first; filter by `owner`, `project_id`, `content_type` (or a prefix such as `image/`) and `status`.",
    scope: "assets:read",
    query: listAssetsQuery,
    responses: { 200: { description: "A page of assets.", schema: "AssetList" } },
  },
  {
    method: "get",
    path: "/v1/assets/{id}",
    operationId: "getAsset",
    tag: "Assets",
    summary: "Get an asset",
    description: "The asset; a ready one has `download_url` (presigned GET, 1 hour).",
    scope: "assets:read",
    params: idParams,
    responses: { 200: { description: "The asset.", schema: "Asset" } },
  },
  {
    method: "delete",
    path: "/v1/assets/{id}",
    operationId: "deleteAsset",
    tag: "Assets",
    summary: "Delete an asset",
    description: "The uploader, or an owner/admin of the asset's team. Removes the file and gives its bytes back to the storage counter. Storyboards that use it stop validating.",
    scope: "assets:write",
    params: idParams,
    responses: { 204: { description: "Deleted." } },
  },

  // Jobs
  {
    method: "post",
    path: "/v1/generate",
    operationId: "generate",
    tag: "Jobs",
    summary: "Render a storyboard",
    description:
      "Creates an ephemeral render job. The storyboard is validated (422 with every error) and estimated; the estimate is charged from the owner's credits (402 `INSUFFICIENT_CREDITS` with `details.required` and `details.balance`). At most 1 active job for a personal owner and 5 for a team (429 `CONCURRENCY_LIMIT_EXCEEDED`). `options.preview: true` renders a free animatic. Safe to retry with an `Idempotency-Key`: the same key and body return the original job (200, `Idempotent-Replayed: true`); the same key with another body is 409 `CONFLICT`.",
    scope: "generate",
    body: { schema: "GenerateRequest", required: true, example: { spec: EXAMPLE_SPEC, options: { resolution: "720p", preview: true } } },
    idempotent: true,
    responses: {
      201: { description: "The new job (queued).", schema: "Job" },
      200: { description: "An idempotent replay: the original job.", schema: "Job", headers: ["Idempotent-Replayed"] },
    },
    errors: ["FORBIDDEN", "INSUFFICIENT_CREDITS", "CONFLICT", "INVALID_STATE", "CONCURRENCY_LIMIT_EXCEEDED"],
  },
  {
    method: "get",
    path: "/v1/jobs",
    operationId: "listJobs",
    tag: "Jobs",
    summary: "List jobs",
    description: "Jobs of every owner the caller can see, newest first. A key owned by a team or membership URN sees only that team.",
    scope: "jobs:read",
    query: listJobsQuery,
    responses: { 200: { description: "A page of jobs.", schema: "JobList" } },
  },
  {
    method: "get",
    path: "/v1/jobs/{id}",
    operationId: "getJob",
    tag: "Jobs",
    summary: "Get a job",
    description: "The job with `scene_previews` for the scenes rendered so far; a completed job has `output.video_url` and `output.thumbnail_url` (presigned, 1 hour).",
    scope: "jobs:read",
    params: idParams,
    responses: { 200: { description: "The job.", schema: "Job" } },
  },
  {
    method: "delete",
    path: "/v1/jobs/{id}",
    operationId: "deleteJob",
    tag: "Jobs",
    summary: "Delete a job",
    description: "Ephemeral, terminal jobs only (409 `INVALID_STATE` otherwise). Deletes the stored video and its files.",
    scope: "jobs:write",
    params: idParams,
    responses: { 204: { description: "Deleted." } },
    errors: ["INVALID_STATE"],
  },
  {
    method: "get",
    path: "/v1/jobs/{id}/events",
    operationId: "streamJobEvents",
    tag: "Jobs",
    summary: "Stream job events",
    description:
      "Server-sent events (`text/event-stream`). Each event is `id: <job_id>:<sequence>`, `event: <type>` (queued, started, progress, scene_complete, completed, failed, canceled) and `data: <JobEvent JSON>`. Replays the stored events (after `Last-Event-ID`, or `?last_event_id=`), then streams new ones with a `: ping` heartbeat every 10 s, and ends after the terminal event. 410 `GONE` when the resume point has expired (events are kept 7 days); 422 for an id of another job or past the last event; 204 for a finished job with nothing left to send.",
    scope: "jobs:read",
    params: idParams,
    query: jobEventsQuery,
    headerParams: [
      {
        name: "Last-Event-ID",
        description: "Resume after this event (`<job_id>:<sequence>` or a bare sequence). EventSource sends it on reconnect.",
        schema: { type: "string" },
      },
    ],
    responses: {
      200: { description: "The event stream.", content: { "text/event-stream": eventStream } },
      204: { description: "The job is finished and there is nothing left to send." },
    },
    errors: ["GONE"],
  },
  {
    method: "post",
    path: "/v1/jobs/{id}/cancel",
    operationId: "cancelJob",
    tag: "Jobs",
    summary: "Cancel a job",
    description:
      "By the user who started it, or an owner/admin of its team (403 otherwise). Refunds the unrendered share minus 10%. 409 `INVALID_STATE` when the job is already terminal.",
    scope: "jobs:write",
    params: idParams,
    responses: { 200: { description: "The canceled job.", schema: "Job" } },
    errors: ["FORBIDDEN", "INVALID_STATE"],
  },
  {
    method: "post",
    path: "/v1/jobs/{id}/clone",
    operationId: "cloneJob",
    tag: "Jobs",
    summary: "Clone a job",
    description:
      "A new ephemeral job from this job's storyboard (defaults: the same owner and options), with the same rules, limits and idempotency as `POST /v1/generate`.",
    scope: "jobs:write",
    params: idParams,
    body: { schema: "CloneRequest", example: { options: { resolution: "1080p" } } },
    idempotent: true,
    responses: {
      201: { description: "The new job (queued).", schema: "Job" },
      200: { description: "An idempotent replay: the original job.", schema: "Job", headers: ["Idempotent-Replayed"] },
    },
    errors: ["FORBIDDEN", "INSUFFICIENT_CREDITS", "CONFLICT", "INVALID_STATE", "CONCURRENCY_LIMIT_EXCEEDED"],
  },
];

