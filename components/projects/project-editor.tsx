"use client";

import { useEffect, useState } from "react";
import { stringify } from "yaml";
import { ApiError, api, errorMessage, type Tier } from "@/components/api-client";
import { FilmIcon } from "@/components/icons";
import { NewRenderForm } from "@/components/jobs/new-render-form";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadErrorAlert } from "@/components/ui/load-error-alert";
import { orderStoryboardKeys } from "@/lib/storyboard/key-order";

const STARTER_YAML = "title: \nscenes:\n  - id: first\n    prompt: \n    duration: 5\n";

interface Project {
  id: string;
  team_id: string;
  owner: string;
  name: string;
  status: "draft" | "rendering" | "completed" | "archived";
  spec: Record<string, unknown> | null;
  /** What the author last saved, comments and formatting kept, and its language. */
  spec_source: string | null;
  spec_format: "yaml" | "json" | null;
  latest_job: { id: string; status: string } | null;
}

/** /app/projects/:id — the project's storyboard in the editor; Save keeps it, Render renders it for the team. */
export function ProjectEditor({ projectId, tier, assistantEnabled }: { projectId: string; tier: Tier; assistantEnabled: boolean }) {
  const [state, setState] = useState<{ project: Project } | { error: string; notFound: boolean } | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    api<Project>(`/v1/projects/${encodeURIComponent(projectId)}`, { signal: ctrl.signal })
      .then((project) => setState({ project }))
      .catch((err: unknown) => !ctrl.signal.aborted && setState({ error: errorMessage(err), notFound: err instanceof ApiError && err.status === 404 }));
    return () => ctrl.abort();
  }, [projectId, attempt]);

  if (!state) return <p className="text-sm text-zinc-500">Loading the project…</p>;
  if ("error" in state) {
    return state.notFound ? (
      <EmptyState icon={<FilmIcon size={18} />} title="Project not found" description="It may have been deleted, or it belongs to a team you're not in." />
    ) : (
      <LoadErrorAlert title="Couldn't load this project" message={state.error} onRetry={() => setAttempt((a) => a + 1)} />
    );
  }
  const { project } = state;
  const source = project.spec_source ?? (project.spec ? stringify(orderStoryboardKeys(project.spec), { lineWidth: 0 }) : STARTER_YAML);
  const extension = project.spec_format === "json" ? "json" : "yaml";
  return (
    <div className="space-y-4">
      <p className="text-sm text-zinc-600" data-testid="project-heading">
        <span className="font-medium text-zinc-900">{project.name}</span> · {project.status} · renders with the team&apos;s credits
      </p>
      <NewRenderForm
        initialSource={source}
        initialFileName={`${project.name}.${extension}`}
        owner={project.owner}
        credits={0}
        tier={tier}
        assistantEnabled={assistantEnabled}
        project={{ id: project.id, name: project.name }}
      />
    </div>
  );
}
