import "server-only";
import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { cache } from "react";
import { getPageUser } from "@/lib/auth/page-session";
import { safeNextPath } from "@/lib/auth/redirect";

/**
 * The signed-in user of this request, resolved once per render (layout and page share it).
 * Errors (e.g. the database is unreachable) propagate to the nearest error boundary.
 */
export const currentUser = cache(getPageUser);

/** Like currentUser(), but for marketing pages: a failure just means "signed out". */
export async function currentUserOrNull() {
  try {
    return await currentUser();
  } catch (err) {
    unstable_rethrow(err); // keep Next's own control-flow errors (dynamic rendering bail-outs) intact
    return null;
  }
}

/** The signed-in user, or a redirect to /sign-in that returns to `next` afterwards. */
export async function requireUser(next: string) {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  return user;
}

/** The origin the browser used to reach us (for copy-paste snippets). */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto.split(",")[0]!.trim()}://${host.split(",")[0]!.trim()}`;
}

/**
 * The current page path for post-sign-in redirects from layouts (which don't receive it).
 * Uses an `x-pathname` request header when the proxy provides one, else `fallback`.
 */
export async function requestPath(fallback: string): Promise<string> {
  const h = await headers();
  return safeNextPath(h.get("x-pathname"), fallback);
}
