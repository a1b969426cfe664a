"use client";

import { useCallback, useEffect, useState } from "react";
import { api, ApiError, errorMessage, type Page } from "@/components/api-client";
import { PageHeader } from "@/components/app/page-header";
import { ArrowRightIcon, UsersIcon } from "@/components/icons";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadErrorAlert } from "@/components/ui/load-error-alert";
import { InvitationsCard } from "./invitations-card";
import { MembersCard } from "./members-card";
import { ProjectsCard } from "./projects-card";
import { SettingsCard } from "./settings-card";
import { TeamSummaryCard } from "./team-summary-card";
import { TeamUsageCard } from "./team-usage-card";
import { manages, type Invitation, type Member, type Team } from "./types";
import { WebhooksCard } from "./webhooks-card";
import { TeamCreditsCard } from "@/components/credits/team-credits-card";

type Load = { status: "loading" } | { status: "error"; message: string; notFound: boolean } | { status: "ready"; team: Team; members: Member[]; invitations: Invitation[] | null };

/**
 * /app/teams/:id — the team, its members and roles, invitations (owners and admins), and the
 * settings: rename, leave, delete. Every action is a /v1 call with the API's own rules; the page
 * only hides what the caller's role cannot do, and shows the API's message when it refuses.
 * One file per card; this one only lays them out (the right column is the team's money and settings).
 */
export function TeamView({ teamId, me }: { teamId: string; me: string }) {
  const [name, setName] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title={name ?? "Team"}
        description="Projects, members and roles, invitations and settings."
        actions={
          <ButtonLink href="/app/teams" variant="secondary">
            All teams <ArrowRightIcon />
          </ButtonLink>
        }
      />
      <TeamBody teamId={teamId} me={me} onName={setName} />
    </>
  );
}

function TeamBody({ teamId, me, onName }: { teamId: string; me: string; onName: (name: string) => void }) {
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    const ctrl = new AbortController();
    (async () => {
      const team = await api<Team>(`/v1/teams/${teamId}`, { signal: ctrl.signal });
      const [members, invitations] = await Promise.all([
        api<Page<Member>>(`/v1/teams/${teamId}/members?limit=100`, { signal: ctrl.signal }),
        manages(team.role) ? api<Page<Invitation>>(`/v1/teams/${teamId}/invitations?limit=100`, { signal: ctrl.signal }) : null,
      ]);
      setLoad({ status: "ready", team, members: members.data, invitations: invitations?.data ?? null });
      onName(team.name);
    })().catch((err: unknown) => {
      if (!ctrl.signal.aborted) setLoad({ status: "error", message: errorMessage(err), notFound: err instanceof ApiError && err.status === 404 });
    });
    return () => ctrl.abort();
  }, [teamId, version, onName]);

  if (load.status === "loading") return <p className="text-sm text-zinc-500">Loading the team…</p>;
  if (load.status === "error") {
    return load.notFound ? (
      <EmptyState icon={<UsersIcon size={18} />} title="Team not found" description="It may have been deleted, or you are not a member." />
    ) : (
      <LoadErrorAlert title="Couldn't load this team" message={load.message} onRetry={reload} />
    );
  }
  const { team, members, invitations } = load;
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_320px]">
      <div className="min-w-0 space-y-6">
        <ProjectsCard team={team} />
        <MembersCard team={team} members={members} me={me} onChange={reload} />
        {invitations ? <InvitationsCard team={team} invitations={invitations} onChange={reload} /> : null}
        {manages(team.role) ? <WebhooksCard teamId={team.id} /> : null}
      </div>
      <div className="space-y-6">
        <TeamSummaryCard team={team} members={members.length} />
        <TeamCreditsCard teamId={team.id} credits={team.credits} onChange={reload} />
        <TeamUsageCard teamId={team.id} />
        <SettingsCard team={team} members={members.length} onChange={reload} />
      </div>
    </div>
  );
}
