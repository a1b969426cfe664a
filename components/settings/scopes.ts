import type { Tier } from "@/components/api-client";

export interface ScopeInfo {
  scope: string;
  label: string;
  description: string;
  creatorOnly?: boolean;
}

/** The scopes a key can hold (spec part 2 §3); `*` is offered separately as "Full access". */
export const SCOPES: ScopeInfo[] = [
  { scope: "generate", label: "Generate", description: "Start renders and AI storyboard drafts" },
  { scope: "jobs:read", label: "Jobs · read", description: "List jobs, progress and outputs" },
  { scope: "jobs:write", label: "Jobs · write", description: "Cancel, clone and delete jobs" },
  { scope: "assets:read", label: "Assets · read", description: "List and download assets" },
  { scope: "assets:write", label: "Assets · write", description: "Upload and delete assets" },
  { scope: "projects:read", label: "Projects · read", description: "Read projects and storyboards", creatorOnly: true },
  { scope: "projects:write", label: "Projects · write", description: "Create, edit and render projects", creatorOnly: true },
  { scope: "team:read", label: "Team · read", description: "Teams and their members", creatorOnly: true },
  { scope: "team:admin", label: "Team · admin", description: "Manage teams, members and invitations", creatorOnly: true },
  { scope: "webhooks:read", label: "Webhooks · read", description: "Webhooks and their deliveries", creatorOnly: true },
  { scope: "webhooks:write", label: "Webhooks · write", description: "Create, update and test webhooks", creatorOnly: true },
];

export function scopesForTier(tier: Tier): ScopeInfo[] {
  return tier === "creator" ? SCOPES : SCOPES.filter((s) => !s.creatorOnly);
}

export function scopeLabel(scope: string): string {
  if (scope === "*") return "Full access";
  return SCOPES.find((s) => s.scope === scope)?.label ?? scope;
}
