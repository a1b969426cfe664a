"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, errorMessage } from "@/components/api-client";
import { MailIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import type { Team } from "./types";

/** /invite/:token — accept (joins the team; a starter becomes a creator) or decline. */
export function InviteAnswer({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState<"accept" | "decline" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [declined, setDeclined] = useState(false);

  async function answer(how: "accept" | "decline") {
    setBusy(how);
    setError(null);
    try {
      if (how === "accept") {
        const res = await api<{ team: Team }>("/v1/invitations/accept", { method: "POST", body: { token } });
        router.push(`/app/teams/${res.team.id}`);
        router.refresh();
        return;
      }
      await api("/v1/invitations/decline", { method: "POST", body: { token } });
      setDeclined(true);
    } catch (err) {
      setError(errorMessage(err));
    }
    setBusy(null);
  }

  return (
    <div className="w-full max-w-md rounded-2xl border border-zinc-200 bg-white p-7 shadow-card" data-testid="invite">
      <div className="flex h-11 w-11 items-center justify-center rounded-full bg-brand-50 text-brand-600 ring-1 ring-brand-100">
        <MailIcon size={20} />
      </div>
      <h1 className="mt-4 text-lg font-semibold text-zinc-950">You&apos;re invited to a team on Framecast</h1>
      <p className="mt-1.5 text-sm text-zinc-600">
        Signed in as <span className="font-medium text-zinc-900">{email}</span>. Joining makes your account a creator account, with a team of
        your own as well.
      </p>
      {error ? <Alert tone="error" className="mt-4">{error}</Alert> : null}
      {declined ? (
        <div className="mt-5 space-y-3">
          <Alert tone="info">You declined the invitation.</Alert>
          <ButtonLink href="/app" variant="secondary">
            Go to the dashboard
          </ButtonLink>
        </div>
      ) : (
        <div className="mt-6 flex gap-2">
          <Button onClick={() => void answer("accept")} loading={busy === "accept"} disabled={busy !== null}>
            Accept and join
          </Button>
          <Button variant="ghost" onClick={() => void answer("decline")} loading={busy === "decline"} disabled={busy !== null}>
            Decline
          </Button>
        </div>
      )}
    </div>
  );
}
