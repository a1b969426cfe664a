export const SCOPES = [
  "generate",
  "jobs:read",
  "jobs:write",
  "assets:read",
  "assets:write",
  "projects:read",
  "projects:write",
  "team:read",
  "team:admin",
  "webhooks:read",
  "webhooks:write",
  "*",
] as const;
export type Scope = (typeof SCOPES)[number];

/** What a starter's key may hold (`*` for a starter means exactly these). */
export const STARTER_SCOPES: ReadonlySet<Scope> = new Set([
  "generate",
  "jobs:read",
  "jobs:write",
  "assets:read",
  "assets:write",
  "*",
]);

/** Whether a key holding `held` may call an endpoint needing `needed`. */
export function hasScope(held: readonly string[], needed: Scope): boolean {
  return held.includes("*") || held.includes(needed);
}
