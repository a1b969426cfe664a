import { randomUUID } from "node:crypto";
import { z } from "zod";
import { findUserByEmail } from "@/lib/accounts/queries";
import { toUserResponse } from "@/lib/accounts/schemas";
import { provisionUser } from "@/lib/accounts/service";
import { config } from "@/lib/config";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { LOCAL_SESSION_SECONDS } from "./cookies";
import { signSupabaseToken } from "./jwt";

export const localSignInSchema = z
  .object({ email: z.string().trim().toLowerCase().max(255).email("Enter a valid email address.") })
  .strict();

/**
 * Local mode (no Supabase configured): sign in with an email only, creating the account on first
 * use, and receive a Supabase-shaped token signed with the local secret. Refused in production.
 */
export async function localSignIn(db: DbOrTx, email: string) {
  const c = config();
  if (c.isProduction || c.authMode !== "local") {
    throw AppError.forbidden("Local sign-in is disabled: this deployment uses Supabase Auth.");
  }
  const existing = await findUserByEmail(db, email);
  const claims = { sub: existing?.id ?? randomUUID(), email };
  const user = await provisionUser(db, claims);
  const accessToken = await signSupabaseToken(claims, { expiresInSeconds: LOCAL_SESSION_SECONDS });
  return { user: toUserResponse(user), access_token: accessToken, token_type: "bearer", expires_in: LOCAL_SESSION_SECONDS };
}
