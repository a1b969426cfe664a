"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { api, errorMessage, type Page } from "@/components/api-client";
import { ClapperIcon, PlusIcon, RefreshIcon } from "@/components/icons";
import { LoadErrorAlert } from "@/components/ui/load-error-alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { JobRow, JobRowsSkeleton, transportsFor } from "./job-row";
import { STATUS_LABEL } from "./status";
import { JOB_STATUSES, type Job, type JobStatus } from "./types";

type Load = { status: "loading" } | { status: "error"; message: string } | { status: "ready" };

const PAGE_SIZE = 20;

const FILTERS: { value: JobStatus | null; label: string }[] = [
  { value: null, label: "All" },
  ...JOB_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] })),
];

const EMPTY_COPY: Record<JobStatus, string> = {
  queued: "Nothing is waiting to start.",
  processing: "Nothing is rendering right now.",
  completed: "No render has finished yet.",
  failed: "No render has failed. Nice.",
  canceled: "No render was canceled.",
};

function merge(a: Job[], b: Job[]): Job[] {
  const seen = new Set(a.map((j) => j.id));
  return [...a, ...b.filter((j) => !seen.has(j.id))];
}

function listUrl(status: JobStatus | null, cursor?: string | null): string {
  const qs = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (status) qs.set("status", status);
  if (cursor) qs.set("cursor", cursor);
  return `/v1/jobs?${qs.toString()}`;
}

/** The renders list (GET /v1/jobs): status filter (kept in ?status=), live rows, "Load more". */
export function JobList({ initialStatus }: { initialStatus: JobStatus | null }) {
  const [status, setStatus] = useState<JobStatus | null>(initialStatus);
  const [jobs, setJobs] = useState<Job[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const ctrl = new AbortController();
    api<Page<Job>>(listUrl(status), { signal: ctrl.signal })
      .then((page) => {
        setJobs(page.data);
        setCursor(page.next_cursor);
        setNow(Date.now());
        setLoad({ status: "ready" });
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setLoad({ status: "error", message: errorMessage(err) });
      });
    return () => ctrl.abort();
  }, [status, attempt]);

  const reload = useCallback(() => {
    setLoad({ status: "loading" });
    setMoreError(null);
    setAttempt((a) => a + 1);
  }, []);

  function choose(next: JobStatus | null) {
    if (next === status) return;
    setStatus(next);
    setLoad({ status: "loading" });
    setMoreError(null);
    const url = next ? `/app/jobs?status=${next}` : "/app/jobs";
    window.history.replaceState(null, "", url);
  }

  async function loadMore() {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api<Page<Job>>(listUrl(status, cursor));
      setJobs((prev) => merge(prev, page.data));
      setCursor(page.next_cursor);
    } catch (err) {
      setMoreError(errorMessage(err));
    } finally {
      setLoadingMore(false);
    }
  }

  const transports = useMemo(() => transportsFor(jobs), [jobs]);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="group" aria-label="Filter by status" className="scrollbar-none flex max-w-full gap-1 overflow-x-auto rounded-lg bg-zinc-100 p-1">
          {FILTERS.map((f) => {
            const selected = f.value === status;
            return (
              <button
                key={f.label}
                type="button"
                aria-pressed={selected}
                data-testid={`filter-${f.value ?? "all"}`}
                onClick={() => choose(f.value)}
                className={cn(
                  "rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap transition-colors",
                  selected ? "bg-white text-zinc-950 shadow-card" : "text-zinc-500 hover:text-zinc-800",
                )}
              >
                {f.label}
              </button>
            );
          })}
        </div>
        <Button variant="secondary" size="sm" onClick={reload} disabled={load.status === "loading"}>
          <RefreshIcon size={14} className={cn(load.status === "loading" && "animate-spin")} /> Refresh
        </Button>
      </div>

      <Card className="overflow-hidden">
        {load.status === "loading" ? (
          <JobRowsSkeleton rows={4} label="Loading renders" />
        ) : load.status === "error" ? (
          <div className="p-5 sm:p-6">
            <LoadErrorAlert title="Couldn't load your renders" message={load.message} onRetry={reload} />
          </div>
        ) : jobs.length === 0 ? (
          <div className="p-5 sm:p-6">
            {status ? (
              <EmptyState
                icon={<ClapperIcon size={18} />}
                title={`No ${STATUS_LABEL[status].toLowerCase()} renders`}
                description={EMPTY_COPY[status]}
                action={
                  <Button size="sm" variant="secondary" onClick={() => choose(null)}>
                    Show all renders
                  </Button>
                }
              />
            ) : (
              <EmptyState
                icon={<ClapperIcon size={18} />}
                title="No renders yet"
                description="Start a render from a storyboard and it shows up here with live progress. Renders made through the API appear too."
                action={
                  <ButtonLink href="/app/new" size="sm">
                    <PlusIcon size={15} /> New render
                  </ButtonLink>
                }
              />
            )}
          </div>
        ) : (
          <>
            <ul aria-label="Renders" className="divide-y divide-zinc-100">
              {jobs.map((job) => (
                <JobRow key={job.id} job={job} now={now} transport={transports.get(job.id) ?? "sse"} />
              ))}
            </ul>
            {cursor || moreError ? (
              <div className="flex flex-col items-center gap-2 border-t border-zinc-100 px-5 py-3">
                {moreError ? <p role="alert" className="text-[13px] text-red-600">{moreError}</p> : null}
                {cursor ? (
                  <Button variant="ghost" size="sm" loading={loadingMore} onClick={loadMore}>
                    Load more
                  </Button>
                ) : null}
              </div>
            ) : null}
          </>
        )}
      </Card>
    </div>
  );
}
