"use client";

import { useState } from "react";
import { api, errorMessage } from "@/components/api-client";
import { UsersIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { inputClasses } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { ROLE_HELP, ROLE_LABEL, type Member, type Role, type Team } from "./types";
import { useAction } from "./use-action";

const who = (m: Member) => m.user.name ?? m.user.email;

/** Members and their roles; owners and admins change roles and remove members (after asking). */
export function MembersCard({ team, members, me, onChange }: { team: Team; members: Member[]; me: string; onChange: () => void }) {
  const { busy, error, run } = useAction();
  const [removing, setRemoving] = useState<Member | null>(null);

  async function changeRole(m: Member, role: Role) {
    const done = await run(m.user_id, () => api(`/v1/teams/${team.id}/members/${m.user_id}`, { method: "PATCH", body: { role } }));
    if (!done) return;
    toast(`${who(m)} is now ${ROLE_LABEL[role].toLowerCase()}.`);
    onChange();
  }

  async function remove(m: Member) {
    await api(`/v1/teams/${team.id}/members/${m.user_id}`, { method: "DELETE" });
    setRemoving(null);
    toast(`${who(m)} was removed from ${team.name}.`);
    onChange();
  }

  const canEdit = (m: Member) => m.user_id !== me && (team.role === "owner" || (team.role === "admin" && m.role !== "owner"));
  const roleChoices = (team.role === "owner" ? ["owner", "admin", "member", "viewer"] : ["admin", "member", "viewer"]) as Role[];

  return (
    <Card className="overflow-hidden">
      <CardHeader title="Members" description="Who is in the team and what they can do." icon={<UsersIcon size={16} />} />
      {error ? (
        <div className="px-5 pt-4">
          <Alert tone="error">{error}</Alert>
        </div>
      ) : null}
      <ul className="divide-y divide-zinc-100" aria-label="Members">
        {members.map((m) => (
          <li key={m.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 px-5 py-3" data-testid="member-row">
            <div className="min-w-0 flex-1 basis-48">
              <p className="font-medium break-words text-zinc-900">
                {who(m)} {m.user_id === me ? <span className="text-xs font-normal text-zinc-500">(you)</span> : null}
              </p>
              {m.user.name ? <p className="text-xs break-all text-zinc-500">{m.user.email}</p> : null}
            </div>
            {canEdit(m) ? (
              <div className="flex shrink-0 items-center gap-2">
                <select
                  aria-label={`Role of ${m.user.email}`}
                  value={m.role}
                  disabled={busy !== null}
                  onChange={(e) => void changeRole(m, e.target.value as Role)}
                  className={cn(inputClasses, "h-8! w-32! py-0")}
                >
                  {(roleChoices.includes(m.role) ? roleChoices : [m.role, ...roleChoices]).map((r) => (
                    <option key={r} value={r} title={ROLE_HELP[r]}>
                      {ROLE_LABEL[r]}
                    </option>
                  ))}
                </select>
                <Button size="sm" variant="ghost" loading={busy === m.user_id} disabled={busy !== null} onClick={() => setRemoving(m)}>
                  Remove
                </Button>
              </div>
            ) : (
              <Badge tone={m.role === "owner" ? "brand" : "neutral"}>{ROLE_LABEL[m.role]}</Badge>
            )}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={removing ? `Remove ${who(removing)} from ${team.name}?` : ""}
        description="They lose access to the team's projects and renders at once. You can invite them again later."
        confirmLabel="Remove member"
        onConfirm={() => remove(removing!)}
        errorText={errorMessage}
      />
    </Card>
  );
}
