"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { api, ApiError, errorMessage, type Page } from "@/components/api-client";
import { formatNumber } from "@/components/format";
import { PageHeader } from "@/components/app/page-header";
import { ArrowRightIcon, FilmIcon, MailIcon, SettingsIcon, UsersIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, inputClasses } from "@/components/ui/input";
import { LoadErrorAlert } from "@/components/ui/load-error-alert";
import { cn } from "@/components/ui/cn";
import { useAction } from "./use-action";
import { WebhooksCard } from "./webhooks-card";
import { TeamCreditsCard } from "@/components/credits/team-credits-card";
import { ROLE_HELP, ROLE_LABEL, type Invitation, type InvitationCreated, type Member, type Role, type Team } from "./types";

type Load = { status: "loading" } | { status: "error"; message: string; notFound: boolean } | { status: "ready"; team: Team; members: Member[]; invitations: Invitation[] | null };

const manages = (role?: Role) => role === "owner" || role === "admin";

/**
 * /app/teams/:id — the team, its members and roles, invitations (owners and admins), and the
 * settings: rename, leave, delete. Every action is a /v1 call with the API's own rules; the page
 * only hides what the caller's role cannot do, and shows the API's message when it refuses.
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
        <Card>
          <CardHeader title="Team" icon={<UsersIcon size={16} />} />
          <CardContent className="space-y-2 text-sm">
            <Row label="Your role">{team.role ? <Badge tone="brand">{ROLE_LABEL[team.role]}</Badge> : null}</Row>
            <Row label="Slug"><span className="font-mono">{team.slug}</span></Row>
            <Row label="Credits"><span data-testid="team-credits" className="tabular-nums">{formatNumber(team.credits)}</span></Row>
            <Row label="Members">{members.length}</Row>
          </CardContent>
        </Card>
        <TeamCreditsCard teamId={team.id} credits={team.credits} onChange={reload} />
        <TeamUsageCard teamId={team.id} />
        <SettingsCard team={team} members={members.length} onChange={reload} />
      </div>
    </div>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-3">
      <span className="text-zinc-500">{label}</span>
      <span className="text-zinc-900">{children}</span>
    </div>
  );
}

function MembersCard({ team, members, me, onChange }: { team: Team; members: Member[]; me: string; onChange: () => void }) {
  const { busy, error, run } = useAction();

  async function act(userId: string, request: () => Promise<unknown>) {
    if (await run(userId, request)) onChange();
  }

  const canEdit = (m: Member) => m.user_id !== me && (team.role === "owner" || (team.role === "admin" && m.role !== "owner"));
  const roleChoices = (team.role === "owner" ? ["owner", "admin", "member", "viewer"] : ["admin", "member", "viewer"]) as Role[];

  return (
    <Card className="overflow-hidden">
      <CardHeader title="Members" description="Who is in the team and what they can do." icon={<UsersIcon size={16} />} />
      {error ? <div className="px-5 pt-4"><Alert tone="error">{error}</Alert></div> : null}
      <ul className="divide-y divide-zinc-100" aria-label="Members">
        {members.map((m) => (
          <li key={m.id} className="flex flex-wrap items-center gap-3 px-5 py-3" data-testid="member-row">
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium text-zinc-900">
                {m.user.name ?? m.user.email} {m.user_id === me ? <span className="text-xs font-normal text-zinc-500">(you)</span> : null}
              </p>
              {m.user.name ? <p className="truncate text-xs text-zinc-500">{m.user.email}</p> : null}
            </div>
            {canEdit(m) ? (
              <div className="flex shrink-0 items-center gap-2">
                <label className="sr-only" htmlFor={`role-${m.user_id}`}>
                  Role of {m.user.email}
                </label>
                <select
                  id={`role-${m.user_id}`}
                  value={m.role}
                  disabled={busy !== null}
                  onChange={(e) => void act(m.user_id, () => api(`/v1/teams/${team.id}/members/${m.user_id}`, { method: "PATCH", body: { role: e.target.value } }))}
                  className={cn(inputClasses, "h-8! w-32! py-0")}
                >
                  {(roleChoices.includes(m.role) ? roleChoices : [m.role, ...roleChoices]).map((r) => (
                    <option key={r} value={r} title={ROLE_HELP[r]}>
                      {ROLE_LABEL[r]}
                    </option>
                  ))}
                </select>
                <Button
                  size="sm"
                  variant="ghost"
                  loading={busy === m.user_id}
                  disabled={busy !== null}
                  onClick={() => void act(m.user_id, () => api(`/v1/teams/${team.id}/members/${m.user_id}`, { method: "DELETE" }))}
                >
                  Remove
                </Button>
              </div>
            ) : (
              <Badge tone={m.role === "owner" ? "brand" : "neutral"}>{ROLE_LABEL[m.role]}</Badge>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function InvitationsCard({ team, invitations, onChange }: { team: Team; invitations: Invitation[]; onChange: () => void }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Exclude<Role, "owner">>("member");
  const { busy, error, run } = useAction<"invite" | "row">();
  const pending = busy === "invite";
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);

  async function send(e: FormEvent) {
    e.preventDefault();
    const res = await run("invite", () => api<InvitationCreated>(`/v1/teams/${team.id}/invitations`, { method: "POST", body: { email: email.trim(), role } }));
    if (!res) return;
    setLink({ email: res.value.invitation.email, url: res.value.invite_url });
    setEmail("");
    onChange();
  }

  async function act(request: () => Promise<InvitationCreated | undefined>) {
    const res = await run("row", request);
    if (!res) return;
    if (res.value) setLink({ email: res.value.invitation.email, url: res.value.invite_url });
    onChange();
  }

  return (
    <Card className="overflow-hidden" data-testid="invitations">
      <CardHeader title="Invitations" description="Invite by email; send them the link. Links expire after 7 days." icon={<MailIcon size={16} />} />
      <CardContent className="space-y-3">
        <form onSubmit={send} className="flex flex-col gap-2 sm:flex-row">
          <label htmlFor="invite-email" className="sr-only">
            Email address
          </label>
          <Input id="invite-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} placeholder="ada@example.com" />
          <label htmlFor="invite-role" className="sr-only">
            Role
          </label>
          <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as typeof role)} className={cn(inputClasses, "sm:w-36")}>
            {(["admin", "member", "viewer"] as const).map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
          <Button type="submit" loading={pending}>
            Invite
          </Button>
        </form>
        {error ? <Alert tone="error">{error}</Alert> : null}
        {link ? (
          <Alert tone="success" title={`Invitation for ${link.email}`}>
            <p className="break-all font-mono text-xs" data-testid="invite-link">
              {link.url}
            </p>
            <p className="mt-1">Send this link; it is shown only now.</p>
            <CopyButton value={link.url} label="Copy link" className="mt-2" />
          </Alert>
        ) : null}
      </CardContent>
      {invitations.length ? (
        <ul className="divide-y divide-zinc-100 border-t border-zinc-100" aria-label="Invitations">
          {invitations.map((i) => (
            <li key={i.id} className="flex flex-wrap items-center gap-3 px-5 py-3 text-sm">
              <div className="min-w-0 flex-1">
                <p className="truncate text-zinc-900">{i.email}</p>
                <p className="text-xs text-zinc-500">
                  {ROLE_LABEL[i.role]} · {i.status === "pending" ? `expires ${new Date(i.expires_at).toLocaleDateString()}` : i.status}
                </p>
              </div>
              <Badge tone={i.status === "pending" ? "warning" : i.status === "accepted" ? "success" : "neutral"}>{i.status}</Badge>
              {i.status === "pending" || i.status === "expired" ? (
                <>
                  <Button size="sm" variant="secondary" onClick={() => void act(() => api<InvitationCreated>(`/v1/teams/${team.id}/invitations/${i.id}/resend`, { method: "POST" }))}>
                    Resend
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => void act(() => api<undefined>(`/v1/teams/${team.id}/invitations/${i.id}`, { method: "DELETE" }))}>
                    Revoke
                  </Button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

function SettingsCard({ team, members, onChange }: { team: Team; members: number; onChange: () => void }) {
  const router = useRouter();
  const [name, setName] = useState(team.name);
  const action = useAction<"rename" | "leave" | "delete">();
  const { busy, error } = action;

  /** Then reload, or (`after`) leave the page. */
  async function run(what: "rename" | "leave" | "delete", request: () => Promise<unknown>, after?: () => void) {
    if (await action.run(what, request)) (after ?? onChange)();
  }

  const away = () => {
    router.push("/app/teams");
    router.refresh();
  };

  return (
    <Card>
      <CardHeader title="Settings" icon={<SettingsIcon size={16} />} />
      <CardContent className="space-y-4 text-sm">
        {manages(team.role) ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run("rename", () => api(`/v1/teams/${team.id}`, { method: "PATCH", body: { name: name.trim() } }));
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
          <Button variant="secondary" size="sm" loading={busy === "leave"} onClick={() => void run("leave", () => api(`/v1/teams/${team.id}/leave`, { method: "POST" }), away)}>
            Leave team
          </Button>
          {team.role === "owner" ? (
            <Button variant="danger" size="sm" loading={busy === "delete"} disabled={members > 1} title={members > 1 ? "Remove the other members first" : undefined} onClick={() => void run("delete", () => api(`/v1/teams/${team.id}`, { method: "DELETE" }), away)}>
              Delete team
            </Button>
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}

interface ProjectSummary {
  id: string;
  name: string;
  status: string;
  updated_at: string;
}

function ProjectsCard({ team }: { team: Team }) {
  const router = useRouter();
  const [projects, setProjects] = useState<ProjectSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    const ctrl = new AbortController();
    api<Page<ProjectSummary>>(`/v1/teams/${team.id}/projects?limit=100`, { signal: ctrl.signal })
      .then((p) => setProjects(p.data))
      .catch((err: unknown) => !ctrl.signal.aborted && setError(errorMessage(err)));
    return () => ctrl.abort();
  }, [team.id]);

  async function create(e: FormEvent) {
    e.preventDefault();
    setCreating(true);
    setError(null);
    try {
      const p = await api<ProjectSummary>(`/v1/teams/${team.id}/projects`, { method: "POST", body: { name: name.trim() } });
      router.push(`/app/projects/${p.id}`);
    } catch (err) {
      setError(errorMessage(err));
      setCreating(false);
    }
  }

  return (
    <Card className="overflow-hidden" data-testid="projects">
      <CardHeader title="Projects" description="The team's storyboards; each renders with the team's credits." icon={<FilmIcon size={16} />} />
      {error ? <div className="px-5 pt-4"><Alert tone="error">{error}</Alert></div> : null}
      <ul className="divide-y divide-zinc-100" aria-label="Projects">
        {(projects ?? []).map((p) => (
          <li key={p.id}>
            <Link href={`/app/projects/${p.id}`} className="flex items-center gap-3 px-5 py-3 hover:bg-zinc-50" data-testid="project-row">
              <span className="min-w-0 flex-1 truncate font-medium text-zinc-900">{p.name}</span>
              <Badge tone={p.status === "rendering" ? "brand" : p.status === "completed" ? "success" : "neutral"}>{p.status}</Badge>
            </Link>
          </li>
        ))}
      </ul>
      {team.role !== "viewer" ? (
        <form onSubmit={create} className="flex gap-2 border-t border-zinc-100 px-5 py-3">
          <label htmlFor="project-name" className="sr-only">
            New project name
          </label>
          <Input id="project-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} placeholder="New project name" />
          <Button type="submit" variant="secondary" loading={creating} disabled={!name.trim()}>
            Create
          </Button>
        </form>
      ) : null}
    </Card>
  );
}

interface UsageRow {
  owner: string;
  period: string;
  renders_count: number;
  render_seconds: number;
  credits_used: number;
  credits_refunded: number;
}

/** This month's usage of the team's shared work (its team URN), from GET /v1/account/usage. */
function TeamUsageCard({ teamId }: { teamId: string }) {
  const [row, setRow] = useState<UsageRow | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    api<{ data: UsageRow[] }>("/v1/account/usage", { signal: ctrl.signal })
      .then((u) => setRow(u.data.find((r) => r.owner === `framecast:team:tm_${teamId}`) ?? null))
      .catch((err: unknown) => !ctrl.signal.aborted && setError(errorMessage(err)));
    return () => ctrl.abort();
  }, [teamId]);

  return (
    <Card data-testid="team-usage">
      <CardHeader title="This month" description={row ? row.period : undefined} />
      <CardContent className="space-y-2 text-sm">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <Row label="Renders">{formatNumber(row?.renders_count ?? 0)}</Row>
        <Row label="Seconds rendered">{formatNumber(row?.render_seconds ?? 0)}</Row>
        <Row label="Credits used">{formatNumber(row?.credits_used ?? 0)}</Row>
        <Row label="Credits refunded">{formatNumber(row?.credits_refunded ?? 0)}</Row>
      </CardContent>
    </Card>
  );
}
