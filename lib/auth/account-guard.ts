import { AppError } from "@/lib/http/errors";
import { userUrn } from "@/lib/urn";
import type { Principal } from "./principal";

/**
 * Whether the caller speaks for the whole account: a browser session, a Supabase access token, or an
 * API key the user owns personally with the `*` scope. Narrow keys and team or membership keys do not.
 */
export function isAccountLevel(principal: Principal): boolean {
  const key = principal.apiKey;
  if (!key) return true;
  return key.owner === userUrn(principal.user.id) && key.scopes.includes("*");
}

/**
 * Account-level actions (managing API keys, upgrading, deleting the account): 403 for any other
 * key. `what` starts the message ("Managing API keys", …).
 */
export function requireAccountLevel(principal: Principal, what: string): void {
  if (isAccountLevel(principal)) return;
  throw AppError.forbidden(`${what} needs a signed-in session or a personal API key with the "*" scope.`);
}
