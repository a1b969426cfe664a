"use client";

import { useCallback, useEffect, useState } from "react";
import { ApiError, errorMessage } from "@/components/api-client";
import { ClapperIcon } from "@/components/icons";
import { LoadErrorAlert } from "@/components/ui/load-error-alert";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { getJob } from "./api";
import { JobView } from "./job-view";
import type { Job } from "./types";

type State =
  | { status: "loading" }
  | { status: "not-found" }
  | { status: "error"; message: string }
  | { status: "ready"; job: Job };

/** Placeholder with the job page's shape (also the route's loading.tsx). */
export function JobDetailSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading render">
      <Skeleton className="mb-4 h-4 w-32" />
      <div className="mb-6 space-y-2">
        <Skeleton className="h-8 w-72 max-w-full" />
        <Skeleton className="h-4 w-56" />
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_300px]">
        <div className="space-y-6">
          <Skeleton className="aspect-video w-full rounded-xl" />
          <Skeleton className="h-48 rounded-xl" />
        </div>
        <div className="space-y-4">
          <Skeleton className="h-40 rounded-xl" />
          <Skeleton className="h-72 rounded-xl" />
        </div>
      </div>
    </div>
  );
}

/** Loads GET /v1/jobs/:id, then hands over to the live view. */
export function JobDetail({ id }: { id: string }) {
  const [state, setState] = useState<State>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    getJob(id, ctrl.signal)
      .then((job) => setState({ status: "ready", job }))
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        if (err instanceof ApiError && err.status === 404 && err.code === "NOT_FOUND") setState({ status: "not-found" });
        else setState({ status: "error", message: errorMessage(err) });
      });
    return () => ctrl.abort();
  }, [id, attempt]);

  const retry = useCallback(() => {
    setState({ status: "loading" });
    setAttempt((a) => a + 1);
  }, []);

  if (state.status === "loading") return <JobDetailSkeleton />;
  if (state.status === "not-found") {
    return (
      <EmptyState
        className="py-16"
        icon={<ClapperIcon size={18} />}
        title="Render not found"
        description="It may have been deleted, or it belongs to a team you're not a member of."
        action={<ButtonLink href="/app/jobs" size="sm" variant="secondary">All renders</ButtonLink>}
      />
    );
  }
  if (state.status === "error") {
    return <LoadErrorAlert title="Couldn't load this render" message={state.message} onRetry={retry} />;
  }
  return <JobView key={state.job.id} initial={state.job} />;
}
