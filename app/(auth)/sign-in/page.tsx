import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LocalSignInForm } from "@/components/auth/local-sign-in-form";
import { SupabaseSignInForm } from "@/components/auth/supabase-sign-in-form";
import { currentUserOrNull } from "@/components/session";
import { Alert } from "@/components/ui/alert";
import { safeNextPath } from "@/lib/auth/redirect";
import { config } from "@/lib/config";

export const metadata: Metadata = { title: "Sign in" };

const callbackErrors: Record<string, string> = {
  callback: "That sign-in link is invalid or has expired. Request a new one below.",
  missing_code: "That sign-in link is incomplete. Request a new one below.",
  not_configured: "Email sign-in is not configured on this server.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  const user = await currentUserOrNull();
  if (user) redirect(next);

  const c = config();
  const errorKey = typeof params.error === "string" ? params.error : undefined;
  const callbackError = errorKey ? (callbackErrors[errorKey] ?? callbackErrors.callback) : undefined;

  return (
    <div className="w-full max-w-[400px]">
      <div className="rounded-2xl border border-zinc-200 bg-white p-6 shadow-pop sm:p-8">
        <h1 className="text-xl font-semibold tracking-tight text-zinc-950">Sign in to Framecast</h1>
        <p className="mt-1.5 text-sm text-zinc-500">
          {c.authMode === "local"
            ? "Enter an email address to continue. A new account is created on first sign-in."
            : "Use a magic link or your password. New here? A magic link creates your account."}
        </p>
        {callbackError ? (
          <Alert tone="error" className="mt-5">
            {callbackError}
          </Alert>
        ) : null}
        <div className="mt-6">
          {c.authMode === "local" ? (
            <LocalSignInForm next={next} />
          ) : (
            <SupabaseSignInForm next={next} supabaseUrl={c.SUPABASE_URL!} anonKey={c.SUPABASE_ANON_KEY ?? ""} />
          )}
        </div>
      </div>
      <p className="mt-6 text-center text-sm text-zinc-500">
        <Link href="/" className="hover:text-zinc-900">
          ← Back to home
        </Link>
      </p>
    </div>
  );
}
