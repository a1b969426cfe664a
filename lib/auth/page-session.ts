import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { toUserResponse, type UserResponse } from "@/lib/accounts/schemas";
import { provisionUser } from "@/lib/accounts/service";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { verifySupabaseToken } from "./jwt";
import { safeNextPath } from "./redirect";
import { sessionTokenFromCookies } from "./principal";

/** The signed-in user of the current page request, or null. */
export async function getPageUser(): Promise<UserResponse | null> {
  const jar = await cookies();
  const header = jar
    .getAll()
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join("; ");
  const token = await sessionTokenFromCookies(header || null);
  if (!token) return null;
  const claims = await verifySupabaseToken(token);
  if (!claims) return null;
  try {
    return toUserResponse(await provisionUser(db(), claims));
  } catch (err) {
    // A deleted account's cookie may outlive it: treat the visitor as signed out.
    if (err instanceof AppError && err.code === "UNAUTHORIZED") return null;
    throw err;
  }
}

/** Like getPageUser, but sends visitors to the sign-in page. */
export async function requirePageUser(next = "/app"): Promise<UserResponse> {
  const user = await getPageUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(safeNextPath(next))}`);
  return user;
}
