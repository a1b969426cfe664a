import { LOCAL_SESSION_COOKIE, LOCAL_SESSION_SECONDS } from "@/lib/auth/cookies";
import { localSignIn, localSignInSchema } from "@/lib/auth/local";
import { config } from "@/lib/config";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// POST /api/auth/local {email} – local-mode sign-in: sets the session cookie, returns the token
export const POST = route({ auth: "public", body: localSignInSchema }, async ({ db, body }) => {
  const result = await localSignIn(db, body.email);
  const res = json(result);
  res.cookies.set(LOCAL_SESSION_COOKIE, result.access_token, {
    httpOnly: true,
    sameSite: "lax",
    secure: config().APP_URL.startsWith("https://"),
    path: "/",
    maxAge: LOCAL_SESSION_SECONDS,
  });
  return res;
});
