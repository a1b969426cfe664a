import { LOCAL_SESSION_COOKIE } from "@/lib/auth/cookies";
import { supabaseForCookies } from "@/lib/auth/supabase";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// POST /api/auth/sign-out – ends the browser session (local cookie or Supabase session)
export const POST = route({ auth: "public" }, async ({ req }) => {
  const res = noContent();
  res.cookies.set(LOCAL_SESSION_COOKIE, "", { path: "/", maxAge: 0 });
  const pending: { name: string; value: string; options?: Record<string, unknown> }[] = [];
  const supabase = supabaseForCookies(req.headers.get("cookie"), pending);
  if (supabase) {
    await supabase.auth.signOut().catch(() => undefined);
    for (const c of pending) res.cookies.set(c.name, c.value, c.options);
  }
  return res;
});
