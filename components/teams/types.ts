/** What the teams pages read from /v1 (the API's shapes). */
export type Role = "owner" | "admin" | "member" | "viewer";

export interface Team {
  id: string;
  name: string;
  slug: string;
  credits: number;
  ephemeral_storage_bytes: number;
  settings: Record<string, unknown>;
  created_at: string;
  role?: Role;
}

export interface Member {
  id: string;
  user_id: string;
  role: Role;
  created_at: string;
  user: { id: string; email: string; name: string | null; avatar_url: string | null };
}

export interface Invitation {
  id: string;
  team_id: string;
  email: string;
  role: Exclude<Role, "owner">;
  status: "pending" | "accepted" | "declined" | "revoked" | "expired";
  expires_at: string;
  created_at: string;
  team?: { id: string; name: string; slug: string };
}

export interface InvitationCreated {
  invitation: Invitation;
  token: string;
  invite_url: string;
}

export const ROLE_LABEL: Record<Role, string> = { owner: "Owner", admin: "Admin", member: "Member", viewer: "Viewer" };
export const ROLE_HELP: Record<Role, string> = {
  owner: "Everything, including deleting the team",
  admin: "Manage members, invitations and settings",
  member: "Render and upload for the team",
  viewer: "See the team's work",
};

/** Owners and admins manage members, invitations and webhooks. */
export const manages = (role?: Role) => role === "owner" || role === "admin";
