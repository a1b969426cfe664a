"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { api, errorMessage, type Page } from "@/components/api-client";
import { formatNumber } from "@/components/format";
import { ArrowRightIcon, PlusIcon, UsersIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { LoadErrorAlert } from "@/components/ui/load-error-alert";
import { ROLE_LABEL, type Team } from "./types";

/** A starter's way in: what creators get, and the one-click upgrade (POST /v1/account/upgrade). */
export function UpgradeCard() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function upgrade() {
    setPending(true);
    setError(null);
    try {
      const res = await api<{ team: Team }>("/v1/account/upgrade", { method: "POST" });
      router.push(`/app/teams/${res.team.id}`);
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
      setPending(false);
    }
  }

  return (
    <Card data-testid="upgrade">
      <CardHeader title="Work with a team" description="Upgrade to a creator account: teams with roles, shared credits and team renders." icon={<UsersIcon size={16} />} />
      <CardContent className="space-y-4 text-sm text-zinc-600">
        <ul className="list-disc space-y-1 pl-5">
          <li>A team of your own, &ldquo;My Team&rdquo;, with a welcome project to start from.</li>
          <li>Invite people as admins, members or viewers; render with the team&apos;s credits.</li>
          <li>Up to 5 team renders at once. Your personal renders and credits stay yours.</li>
        </ul>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <Button onClick={upgrade} loading={pending} data-testid="upgrade-button">
          Upgrade to creator
        </Button>
      </CardContent>
    </Card>
  );
}

/** A creator's teams with their role, and a form to create one (POST /v1/teams). */
export function TeamsList() {
  const router = useRouter();
  const [teams, setTeams] = useState<Team[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [name, setName] = useState("");
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    api<Page<Team>>("/v1/teams?limit=100", { signal: ctrl.signal })
      .then((p) => setTeams(p.data))
      .catch((err: unknown) => !ctrl.signal.aborted && setLoadError(errorMessage(err)));
    return () => ctrl.abort();
  }, [attempt]);

  async function create(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    setCreating(true);
    setCreateError(null);
    try {
      const res = await api<{ team: Team }>("/v1/teams", { method: "POST", body: { name: name.trim() } });
      router.push(`/app/teams/${res.team.id}`);
    } catch (err) {
      setCreateError(errorMessage(err));
      setCreating(false);
    }
  }

  return (
    <div className="space-y-6">
      <Card className="overflow-hidden">
        <CardHeader title="Your teams" description="Teams you belong to and your role in each." icon={<UsersIcon size={16} />} />
        {loadError ? (
          <div className="p-5">
            <LoadErrorAlert title="Couldn't load your teams" message={loadError} onRetry={() => { setLoadError(null); setAttempt((a) => a + 1); }} />
          </div>
        ) : (
          <ul className="divide-y divide-zinc-100" aria-label="Teams">
            {(teams ?? []).map((t) => (
              <li key={t.id}>
                <Link href={`/app/teams/${t.id}`} className="flex items-center gap-4 px-5 py-3.5 hover:bg-zinc-50" data-testid="team-row">
                  <div className="min-w-0 flex-1">
                    <p className="truncate font-medium text-zinc-900">{t.name}</p>
                    <p className="font-mono text-xs text-zinc-500">{t.slug}</p>
                  </div>
                  <span className="text-sm text-zinc-500 tabular-nums">{formatNumber(t.credits)} credits</span>
                  {t.role ? <Badge tone={t.role === "owner" ? "brand" : "neutral"}>{ROLE_LABEL[t.role]}</Badge> : null}
                  <ArrowRightIcon size={15} className="text-zinc-400" />
                </Link>
              </li>
            ))}
            {teams === null ? <li className="px-5 py-4 text-sm text-zinc-500">Loading…</li> : null}
          </ul>
        )}
      </Card>
      <Card>
        <CardHeader title="New team" description="You'll be its owner. A creator can own up to 10 teams." icon={<PlusIcon size={16} />} />
        <CardContent>
          <form onSubmit={create} className="flex flex-col gap-3 sm:flex-row">
            <label htmlFor="team-name" className="sr-only">
              Team name
            </label>
            <Input id="team-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} placeholder="Night Shift Studio" className="sm:max-w-sm" />
            <Button type="submit" loading={creating} disabled={!name.trim()}>
              Create team
            </Button>
          </form>
          {createError ? <Alert tone="error" className="mt-3">{createError}</Alert> : null}
        </CardContent>
      </Card>
    </div>
  );
}
