"use client";

import { createBrowserClient } from "@supabase/ssr";
import { useState, type FormEvent } from "react";
import { ArrowRightIcon, MailIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmailField } from "./email-field";
import { cn } from "@/components/ui/cn";
import { Field, Input } from "@/components/ui/input";
import { safeNextPath } from "@/lib/auth/redirect";

type Mode = "magic" | "password";

/** Supabase Auth sign-in: an email magic link (via /auth/callback) or email + password. */
export function SupabaseSignInForm({
  next,
  supabaseUrl,
  anonKey,
}: {
  next: string;
  supabaseUrl: string;
  anonKey: string;
}) {
  const [supabase] = useState(() => createBrowserClient(supabaseUrl, anonKey));
  const [mode, setMode] = useState<Mode>("magic");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    setPending(true);
    const address = email.trim();
    const destination = safeNextPath(next, "/app", window.location.origin);
    try {
      if (mode === "magic") {
        const redirect = `${window.location.origin}/auth/callback?next=${encodeURIComponent(destination)}`;
        const { error: err } = await supabase.auth.signInWithOtp({
          email: address,
          options: { emailRedirectTo: redirect },
        });
        if (err) throw err;
        setSentTo(address);
        setPending(false);
      } else {
        const { error: err } = await supabase.auth.signInWithPassword({ email: address, password });
        if (err) throw err;
        window.location.assign(destination);
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : "";
      setError(
        !message
          ? "Sign-in failed. Please try again."
          : /failed to fetch|network/i.test(message)
            ? "Couldn't reach the sign-in service. Check your connection and try again."
            : message,
      );
      setPending(false);
    }
  }

  if (sentTo) {
    return (
      <div className="text-center" role="status">
        <div className="mx-auto flex h-11 w-11 items-center justify-center rounded-full bg-brand-50 text-brand-600 ring-1 ring-brand-100">
          <MailIcon size={20} />
        </div>
        <h2 className="mt-4 font-semibold text-zinc-950">Check your email</h2>
        <p className="mt-1.5 text-sm text-zinc-600">
          We sent a sign-in link to <span className="font-medium text-zinc-900">{sentTo}</span>. It expires in an hour.
        </p>
        <Button variant="ghost" size="sm" className="mt-5" onClick={() => setSentTo(null)}>
          Use a different email
        </Button>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <div role="tablist" aria-label="Sign-in method" className="grid grid-cols-2 rounded-lg bg-zinc-100 p-1 text-sm">
        {(
          [
            ["magic", "Magic link"],
            ["password", "Password"],
          ] as const
        ).map(([m, label]) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            onClick={() => {
              setMode(m);
              setError(null);
            }}
            className={cn(
              "rounded-md py-1.5 font-medium transition-colors",
              mode === m ? "bg-white text-zinc-950 shadow-card" : "text-zinc-500 hover:text-zinc-800",
            )}
          >
            {label}
          </button>
        ))}
      </div>
      <EmailField value={email} onChange={setEmail} />
      {mode === "password" ? (
        <Field id="password" label="Password">
          <Input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            className="h-10"
          />
        </Field>
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button type="submit" size="lg" className="w-full" loading={pending}>
        {mode === "magic" ? "Email me a sign-in link" : "Sign in"}
        {pending ? null : <ArrowRightIcon />}
      </Button>
      {mode === "magic" ? (
        <p className="text-center text-xs text-zinc-500">We&apos;ll email you a link that signs you in — no password needed.</p>
      ) : null}
    </form>
  );
}
