import { toUserResponse, updateAccountSchema } from "@/lib/accounts/schemas";
import { deleteAccount, updateAccount } from "@/lib/accounts/service";
import { requireAccountLevel } from "@/lib/auth/account-guard";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// GET /v1/account – the caller's user object
export const GET = route({}, async ({ principal }) => toUserResponse(principal.user));

// PATCH /v1/account – update name / avatar_url
export const PATCH = route({ body: updateAccountSchema }, async ({ db, principal, body }) =>
  toUserResponse(await updateAccount(db, principal.user, body)),
);

// DELETE /v1/account – delete the account and its personal work (session or personal * key only)
export const DELETE = route({}, async ({ db, principal }) => {
  requireAccountLevel(principal, "Deleting the account");
  await deleteAccount(db, principal.user);
  return noContent();
});
