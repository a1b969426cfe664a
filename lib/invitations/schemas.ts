import { z } from "zod";
import type { invitations } from "@/drizzle/schema";
import { paginationQuery } from "@/lib/http/pagination";

export type InvitationRow = typeof invitations.$inferSelect;
export const INVITATION_STATES = ["pending", "accepted", "declined", "revoked", "expired"] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

export const inviteSchema = z
  .object({
    email: z.string().trim().toLowerCase().max(255).email().meta({ example: "ada@example.com" }),
    role: z.enum(["admin", "member", "viewer"]).default("member").meta({ description: "Never owner (default member)." }),
  })
  .strict();

export const acceptByTokenSchema = z.object({ token: z.string().min(20).max(200) }).strict();
export const listInvitationsQuery = z.object({ ...paginationQuery }).strict();
export const invitationParams = z.object({ id: z.string().uuid(), inv_id: z.string().uuid() }).strict();
export const myInvitationParams = z.object({ inv_id: z.string().uuid() }).strict();

/** Part 1 §3: accepted, else declined, else revoked, else expired, else pending. */
export function stateOf(i: InvitationRow, now = new Date()): InvitationState {
  if (i.acceptedAt) return "accepted";
  if (i.declinedAt) return "declined";
  if (i.revokedAt) return "revoked";
  if (i.expiresAt < now) return "expired";
  return "pending";
}

export const invitationSchema = z.object({
  id: z.string().uuid(),
  team_id: z.string().uuid(),
  invited_by: z.string().uuid().nullable(),
  email: z.string(),
  role: z.enum(["admin", "member", "viewer"]),
  status: z.enum(INVITATION_STATES),
  expires_at: z.string(),
  accepted_at: z.string().nullable(),
  declined_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  created_at: z.string(),
  team: z.object({ id: z.string().uuid(), name: z.string(), slug: z.string() }).optional().meta({ description: "In your own invitation list." }),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toInvitationResponse(i: InvitationRow, team?: { id: string; name: string; slug: string }) {
  return {
    id: i.id,
    team_id: i.teamId,
    invited_by: i.invitedBy,
    email: i.email,
    role: i.role as "admin" | "member" | "viewer",
    status: stateOf(i),
    expires_at: i.expiresAt.toISOString(),
    accepted_at: iso(i.acceptedAt),
    declined_at: iso(i.declinedAt),
    revoked_at: iso(i.revokedAt),
    created_at: i.createdAt.toISOString(),
    ...(team ? { team } : {}),
  };
}
