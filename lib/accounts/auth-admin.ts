import { config } from "@/lib/config";
import { AppError } from "@/lib/http/errors";
import { log } from "@/lib/log";

const TIMEOUT_MS = 5000;

/**
 * Deletes the auth provider's user. Local mode has none (the local sign-in creates a fresh id for an
 * unknown email). In Supabase mode this is GoTrue's admin API, authorised by the service-role key:
 * DELETE {SUPABASE_URL}/auth/v1/admin/users/{id} with `{"should_soft_delete": false}`. A user that is
 * already gone (404) counts as deleted, so a retried deletion succeeds.
 */
export async function deleteAuthUser(userId: string): Promise<void> {
  const c = config();
  if (c.authMode !== "supabase") return;
  const key = c.SUPABASE_SERVICE_ROLE_KEY;
  if (!key) throw new AppError("SERVICE_UNAVAILABLE", "Account deletion is not configured: SUPABASE_SERVICE_ROLE_KEY is missing.");
  const url = `${c.SUPABASE_URL!.replace(/\/+$/, "")}/auth/v1/admin/users/${encodeURIComponent(userId)}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: "DELETE",
      headers: { apikey: key, authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ should_soft_delete: false }),
      redirect: "error",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    log.error({ err, user_id: userId }, "deleting the Supabase auth user failed");
    throw new AppError("SERVICE_UNAVAILABLE", "The sign-in service could not delete the account; try again.");
  }
  if (res.ok || res.status === 404) return;
  log.error({ status: res.status, user_id: userId }, "deleting the Supabase auth user was refused");
  throw new AppError("SERVICE_UNAVAILABLE", "The sign-in service could not delete the account; try again.");
}
