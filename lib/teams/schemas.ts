import { z } from "zod";
import type { memberships, teams } from "@/drizzle/schema";
import { paginationQuery } from "@/lib/http/pagination";

export type TeamRow = typeof teams.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** T4: lower-case letters, digits and inner hyphens, at most 50. */
export const SLUG_PATTERN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

export const createTeamSchema = z
  .object({
    name: z.string().trim().min(1).max(100).meta({ example: "Night Shift Studio" }),
    slug: z.string().max(50).regex(SLUG_PATTERN, "Lower-case letters, digits and inner hyphens only.").optional().meta({ description: "Default: the name slugified plus 8 hex characters. Immutable." }),
  })
  .strict();

export const updateTeamSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    settings: z.record(z.string(), z.unknown()).optional().meta({ description: "Free-form; replaces the current settings." }),
  })
  .strict();

export const listTeamsQuery = z.object({ ...paginationQuery }).strict();
export const listMembersQuery = z.object({ ...paginationQuery }).strict();

export const changeRoleSchema = z.object({ role: z.enum(ROLES) }).strict();

export const teamMemberParams = z.object({ id: z.string().uuid(), user_id: z.string().uuid() }).strict();

export const teamSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  slug: z.string(),
  credits: z.number().int(),
  ephemeral_storage_bytes: z.number().int(),
  settings: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  updated_at: z.string(),
  role: z.enum(ROLES).optional().meta({ description: "Your role in the team (lists and gets)." }),
});

export const membershipSchema = z.object({
  id: z.string().uuid(),
  team_id: z.string().uuid(),
  user_id: z.string().uuid(),
  role: z.enum(ROLES),
  created_at: z.string(),
});

export const memberSchema = membershipSchema.extend({
  user: z.object({ id: z.string().uuid(), email: z.string(), name: z.string().nullable(), avatar_url: z.string().nullable() }),
});

export function toTeamResponse(t: TeamRow, role?: Role) {
  return {
    id: t.id,
    name: t.name,
    slug: t.slug,
    credits: t.credits,
    ephemeral_storage_bytes: t.ephemeralStorageBytes,
    settings: t.settings as Record<string, unknown>,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
    ...(role ? { role } : {}),
  };
}

export function toMembershipResponse(m: MembershipRow) {
  return { id: m.id, team_id: m.teamId, user_id: m.userId, role: m.role, created_at: m.createdAt.toISOString() };
}
