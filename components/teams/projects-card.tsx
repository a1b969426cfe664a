"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { api, errorMessage, type Page } from "@/components/api-client";
import { FilmIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import type { Team } from "./types";

interface ProjectSummary {
  id: string;
  name: string;
  status: string;
  updated_at: string;
}

export function ProjectsCard({ team }: { team: Team }) {
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
