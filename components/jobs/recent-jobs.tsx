"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { api, errorMessage, type Page } from "@/components/api-client";
import { ClapperIcon, PlusIcon } from "@/components/icons";
import { LoadErrorAlert } from "@/components/ui/load-error-alert";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { JobRow, JobRowsSkeleton, transportsFor } from "./job-row";
import type { Job } from "./types";

type State = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; jobs: Job[]; now: number };

/** The dashboard's five newest jobs with live progress: the body of a card, under its header. */
export function RecentJobs() {
  const [state, setState] = useState<State>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    api<Page<Job>>("/v1/jobs?limit=5", { signal: ctrl.signal })
      .then((page) => setState({ status: "ready", jobs: page.data.slice(0, 5), now: Date.now() }))
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setState({ status: "error", message: errorMessage(err) });
      });
    return () => ctrl.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    setState({ status: "loading" });
    setAttempt((a) => a + 1);
  }, []);

  const jobs = state.status === "ready" ? state.jobs : null;
  const transports = useMemo(() => (jobs ? transportsFor(jobs) : new Map()), [jobs]);

  let content;
  if (state.status === "loading") {
    content = <JobRowsSkeleton rows={3} compact label="Loading recent renders" />;
  } else if (state.status === "error") {
    content = (
      <div className="p-5 sm:p-6">
        <LoadErrorAlert title="Couldn't load recent renders" message={state.message} onRetry={retry} />
      </div>
    );
  } else if (state.jobs.length === 0) {
    content = (
      <div className="p-5 sm:p-6">
        <EmptyState
          icon={<ClapperIcon size={18} />}
          title="No renders yet"
          description="Renders you start here or through the API appear with live progress. Try the welcome storyboard — a draft is free."
          action={
            <ButtonLink href="/app/new" size="sm">
              <PlusIcon size={15} /> New render
            </ButtonLink>
          }
        />
      </div>
    );
  } else {
    content = (
      <ul aria-label="Recent renders" data-testid="recent-jobs" className="divide-y divide-zinc-100">
        {state.jobs.map((job) => (
          <JobRow key={job.id} job={job} now={state.now} compact transport={transports.get(job.id) ?? "sse"} />
        ))}
      </ul>
    );
  }
  return <div className="mt-5 border-t border-zinc-100">{content}</div>;
}
