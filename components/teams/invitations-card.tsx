"use client";

import { useState, type FormEvent } from "react";
import { api } from "@/components/api-client";
import { MailIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";
import { Input, inputClasses } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { ROLE_LABEL, type Invitation, type InvitationCreated, type Role, type Team } from "./types";
import { useAction } from "./use-action";

/** Invite by email (the invitation is emailed; the link is also shown once), resend, revoke. */
export function InvitationsCard({ team, invitations, onChange }: { team: Team; invitations: Invitation[]; onChange: () => void }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Exclude<Role, "owner">>("member");
  const { busy, error, run } = useAction<"invite" | string>();
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);

  async function send(e: FormEvent) {
    e.preventDefault();
    const res = await run("invite", () => api<InvitationCreated>(`/v1/teams/${team.id}/invitations`, { method: "POST", body: { email: email.trim(), role } }));
    if (!res) return;
    setLink({ email: res.value.invitation.email, url: res.value.invite_url });
    setEmail("");
    toast(`Invitation emailed to ${res.value.invitation.email}.`);
    onChange();
  }

  async function resend(i: Invitation) {
    const res = await run(i.id, () => api<InvitationCreated>(`/v1/teams/${team.id}/invitations/${i.id}/resend`, { method: "POST" }));
    if (!res) return;
    setLink({ email: res.value.invitation.email, url: res.value.invite_url });
    toast(`Invitation emailed again to ${i.email}; the earlier link no longer works.`);
    onChange();
  }

  async function revoke(i: Invitation) {
    if (!(await run(i.id, () => api(`/v1/teams/${team.id}/invitations/${i.id}`, { method: "DELETE" })))) return;
    toast(`Invitation for ${i.email} revoked.`);
    onChange();
  }

  return (
    <Card className="overflow-hidden" data-testid="invitations">
      <CardHeader title="Invitations" description="We email the invitation; the link works for 7 days." icon={<MailIcon size={16} />} />
      <CardContent className="space-y-3">
        <form onSubmit={send} className="flex flex-col gap-2 sm:flex-row">
          <Input id="invite-email" aria-label="Email address" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} placeholder="ada@example.com" />
          <select id="invite-role" aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as typeof role)} className={cn(inputClasses, "sm:w-36")}>
            {(["admin", "member", "viewer"] as const).map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
          <Button type="submit" loading={busy === "invite"}>
            Invite
          </Button>
        </form>
        {error ? <Alert tone="error">{error}</Alert> : null}
        {link ? (
          <Alert tone="success" title={`Invitation emailed to ${link.email}`}>
            <p className="mb-1">You can also send the link yourself; it is shown only now.</p>
            <p className="font-mono text-xs break-all" data-testid="invite-link">
              {link.url}
            </p>
            <CopyButton value={link.url} label="Copy link" className="mt-2" />
          </Alert>
        ) : null}
      </CardContent>
      {invitations.length ? (
        <ul className="divide-y divide-zinc-100 border-t border-zinc-100" aria-label="Invitations">
          {invitations.map((i) => (
            <li key={i.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 px-5 py-3 text-sm">
              <div className="min-w-0 flex-1 basis-48">
                <p className="break-all text-zinc-900">{i.email}</p>
                <p className="text-xs text-zinc-500">
                  {ROLE_LABEL[i.role]} · {i.status === "pending" ? `expires ${new Date(i.expires_at).toLocaleDateString()}` : i.status}
                </p>
              </div>
              <Badge tone={i.status === "pending" ? "warning" : i.status === "accepted" ? "success" : "neutral"}>{i.status}</Badge>
              {i.status === "pending" || i.status === "expired" ? (
                <div className="flex gap-2">
                  <Button size="sm" variant="secondary" loading={busy === i.id} disabled={busy !== null} onClick={() => void resend(i)}>
                    Resend
                  </Button>
                  <Button size="sm" variant="ghost" disabled={busy !== null} onClick={() => void revoke(i)}>
                    Revoke
                  </Button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
