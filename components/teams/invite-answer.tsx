"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, errorMessage } from "@/components/api-client";
import { MailIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import type { InvitationPreview } from "@/lib/invitations/service";
import { ROLE_HELP, ROLE_LABEL, type Team } from "./types";

const STATUS_TEXT: Record<InvitationPreview["status"], string> = {
  pending: "Open",
  accepted: "Already accepted",
  declined: "Declined",
  revoked: "Withdrawn by the team",
  expired: "Expired",
};

/** Why an invitation can't be answered, and what to do about it. */
function closedReason(p: InvitationPreview): string {
  switch (p.status) {
    case "accepted":
      return "This invitation was already accepted. If that was you, the team is in your Teams list.";
    case "declined":
      return "This invitation was declined. Ask the team for a new one if you changed your mind.";
    case "revoked":
      return "The team withdrew this invitation, or sent a newer one: use the link in the latest email.";
    default:
      return "This invitation has expired. Ask the person who invited you to resend it.";
  }
}

/** /invite/:token — what the invitation is (team, inviter, role, open or not), then accept or decline. */
export function InviteAnswer({ token, email, tier, preview }: { token: string; email: string; tier: string; preview: InvitationPreview | null }) {
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
        toast(`You joined ${res.team.name}.`);
        router.push(`/app/teams/${res.team.id}`);
        router.refresh();
        return;
      }
      await api("/v1/invitations/decline", { method: "POST", body: { token } });
      setDeclined(true);
      toast("Invitation declined.", "info");
    } catch (err) {
      setError(errorMessage(err));
    }
    setBusy(null);
  }

  const forSomeoneElse = preview !== null && preview.email !== email.toLowerCase();
  const open = preview?.status === "pending" && !forSomeoneElse;
  const inviter = preview?.inviter ? (preview.inviter.name ? `${preview.inviter.name} (${preview.inviter.email})` : preview.inviter.email) : "A team owner or admin";

  return (
    <div className="w-full max-w-md rounded-2xl border border-zinc-200 bg-white p-6 shadow-card sm:p-7" data-testid="invite">
      <div className="flex h-11 w-11 items-center justify-center rounded-full bg-brand-50 text-brand-600 ring-1 ring-brand-100">
        <MailIcon size={20} />
      </div>
      {preview ? (
        <>
          <h1 className="mt-4 text-lg font-semibold break-words text-zinc-950">Join {preview.team.name} on Framecast</h1>
          <p className="mt-1.5 text-sm break-words text-zinc-600">{inviter} invited you.</p>
          <dl className="mt-4 space-y-2 rounded-lg border border-zinc-200 bg-zinc-50 px-4 py-3 text-sm" data-testid="invite-details">
            <div className="flex items-center justify-between gap-3">
              <dt className="text-zinc-600">Team</dt>
              <dd className="min-w-0 truncate font-medium text-zinc-900">{preview.team.name}</dd>
            </div>
            <div className="flex items-center justify-between gap-3">
              <dt className="text-zinc-600">Role</dt>
              <dd title={ROLE_HELP[preview.role]}>
                <Badge tone="brand">{ROLE_LABEL[preview.role]}</Badge>
              </dd>
            </div>
            <div className="flex items-center justify-between gap-3">
              <dt className="text-zinc-600">For</dt>
              <dd className="min-w-0 font-medium break-all text-zinc-900">{preview.email}</dd>
            </div>
            <div className="flex items-center justify-between gap-3">
              <dt className="text-zinc-600">Status</dt>
              <dd>
                <Badge tone={preview.status === "pending" ? "success" : "neutral"}>
                  {STATUS_TEXT[preview.status]}
                  {preview.status === "pending" ? ` until ${new Date(preview.expiresAt).toLocaleDateString()}` : ""}
                </Badge>
              </dd>
            </div>
          </dl>
          <p className="mt-3 text-sm text-zinc-600">
            As {ROLE_LABEL[preview.role].toLowerCase()}: {ROLE_HELP[preview.role].toLowerCase()}.
            {tier === "starter" ? " Joining makes your account a creator account, with a team of your own as well." : ""}
          </p>
        </>
      ) : (
        <>
          <h1 className="mt-4 text-lg font-semibold text-zinc-950">This invitation link doesn&apos;t work</h1>
          <p className="mt-1.5 text-sm text-zinc-600">It may be incomplete or replaced by a newer invitation. Open the link from the latest email, or ask the team to invite you again.</p>
        </>
      )}
      <p className="mt-3 text-xs break-all text-zinc-500">Signed in as {email}.</p>
      {forSomeoneElse ? (
        <Alert tone="warning" className="mt-4">
          This invitation is for {preview.email}. Sign out and sign in as that address to answer it.
        </Alert>
      ) : null}
      {preview && !forSomeoneElse && preview.status !== "pending" ? (
        <Alert tone="info" className="mt-4">
          {closedReason(preview)}
        </Alert>
      ) : null}
      {error ? (
        <Alert tone="error" className="mt-4">
          {error}
        </Alert>
      ) : null}
      {declined ? (
        <div className="mt-5 space-y-3">
          <Alert tone="info">You declined the invitation.</Alert>
          <ButtonLink href="/app" variant="secondary">
            Go to the dashboard
          </ButtonLink>
        </div>
      ) : open ? (
        <div className="mt-6 flex flex-wrap gap-2">
          <Button onClick={() => void answer("accept")} loading={busy === "accept"} disabled={busy !== null}>
            Accept and join
          </Button>
          <Button variant="ghost" onClick={() => void answer("decline")} loading={busy === "decline"} disabled={busy !== null}>
            Decline
          </Button>
        </div>
      ) : (
        <div className="mt-6">
          <ButtonLink href="/app" variant="secondary">
            Go to the dashboard
          </ButtonLink>
        </div>
      )}
    </div>
  );
}
