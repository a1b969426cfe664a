"use client";

import { useState, type FormEvent } from "react";
import { api, errorMessage } from "@/components/api-client";
import { ArrowRightIcon, TerminalIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { safeNextPath } from "@/lib/auth/redirect";
import { EmailField } from "./email-field";

/** Local development sign-in: POST /api/auth/local {email} sets the session cookie. */
export function LocalSignInForm({ next }: { next: string }) {
  const [email, setEmail] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    setPending(true);
    try {
      await api("/api/auth/local", { method: "POST", body: { email: email.trim() } });
      // A full navigation, so server components render with the new session cookie.
      window.location.assign(safeNextPath(next, "/app", window.location.origin));
    } catch (err) {
      setError(errorMessage(err));
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <div className="flex gap-2.5 rounded-lg border border-amber-200 bg-amber-50 px-3.5 py-3 text-[13px] text-amber-900">
        <TerminalIcon className="mt-0.5 shrink-0" />
        <p>
          <span className="font-medium">Local development sign-in.</span> No password and no email is sent — any
          address signs you straight in. Disabled in production.
        </p>
      </div>
      <EmailField value={email} onChange={setEmail} errorId={error ? "sign-in-error" : undefined} />
      {error ? (
        <div id="sign-in-error">
          <Alert tone="error">{error}</Alert>
        </div>
      ) : null}
      <Button type="submit" size="lg" className="w-full" loading={pending}>
        {pending ? "Signing in…" : "Continue"}
        {pending ? null : <ArrowRightIcon />}
      </Button>
    </form>
  );
}
