"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, errorMessage } from "@/components/api-client";
import { SettingsIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { manages, type Team } from "./types";
import { useAction } from "./use-action";

/** Rename (owners and admins), leave, and delete (the owner, after typing the team's name). */
export function SettingsCard({ team, members, onChange }: { team: Team; members: number; onChange: () => void }) {
  const router = useRouter();
  const [name, setName] = useState(team.name);
  const [asking, setAsking] = useState<"leave" | "delete" | null>(null);
  const { busy, error, run } = useAction<"rename">();

  const away = () => {
    router.push("/app/teams");
    router.refresh();
  };

  async function rename() {
    const next = name.trim();
    if (!(await run("rename", () => api(`/v1/teams/${team.id}`, { method: "PATCH", body: { name: next } })))) return;
    toast(`Team renamed to ${next}.`);
    onChange();
  }

  async function leave() {
    await api(`/v1/teams/${team.id}/leave`, { method: "POST" });
    toast(`You left ${team.name}.`);
    away();
  }

  async function remove() {
    await api(`/v1/teams/${team.id}`, { method: "DELETE" });
    toast(`${team.name} was deleted.`);
    away();
  }

  return (
    <Card>
      <CardHeader title="Settings" icon={<SettingsIcon size={16} />} />
      <CardContent className="space-y-4 text-sm">
        {manages(team.role) ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void rename();
            }}
            className="space-y-2"
          >
            <label htmlFor="team-rename" className="font-medium text-zinc-700">
              Name
            </label>
            <div className="flex gap-2">
              <Input id="team-rename" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
              <Button type="submit" variant="secondary" loading={busy === "rename"} disabled={!name.trim() || name.trim() === team.name}>
                Save
              </Button>
            </div>
          </form>
        ) : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
        <div className="flex flex-wrap gap-2 border-t border-zinc-100 pt-4">
          <Button variant="secondary" size="sm" onClick={() => setAsking("leave")}>
            Leave team
          </Button>
          {team.role === "owner" ? (
            <Button variant="danger" size="sm" disabled={members > 1} onClick={() => setAsking("delete")}>
              Delete team
            </Button>
          ) : null}
        </div>
        {team.role === "owner" && members > 1 ? <p className="text-xs text-zinc-500">To delete the team, remove the other members first.</p> : null}
      </CardContent>
      <ConfirmDialog
        open={asking === "leave"}
        onClose={() => setAsking(null)}
        title={`Leave ${team.name}?`}
        description={
          members === 1
            ? "You are its only member: leaving deletes the team with its projects and renders."
            : "You lose access to its projects and renders. An owner or admin can invite you again."
        }
        confirmLabel="Leave team"
        onConfirm={leave}
        errorText={errorMessage}
      />
      <ConfirmDialog
        open={asking === "delete"}
        onClose={() => setAsking(null)}
        title={`Delete ${team.name}?`}
        description="Its projects, renders, webhooks and open invitations are deleted for good, and its credits are lost. This cannot be undone."
        confirmLabel="Delete team"
        typeToConfirm={team.name}
        onConfirm={remove}
        errorText={errorMessage}
      />
    </Card>
  );
}
