"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { api, errorMessage } from "@/components/api-client";
import { formatDateTime, formatNumber } from "@/components/format";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { LoadErrorAlert } from "@/components/ui/load-error-alert";
import { Skeleton } from "@/components/ui/skeleton";
import { KIND_LABEL, type LedgerEntry, type LedgerPage } from "./types";

const PAGE = 10;

type State = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; rows: LedgerEntry[]; next: string | null };

function useLedger(owner: string, version: number) {
  const [state, setState] = useState<State>({ status: "loading" });
  const [more, setMore] = useState<{ loading: boolean; error: string | null }>({ loading: false, error: null });
  const [attempt, setAttempt] = useState(0);
  const url = (cursor?: string) =>
    `/v1/credits/ledger?owner=${encodeURIComponent(owner)}&limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;

  useEffect(() => {
    const ctrl = new AbortController();
    api<LedgerPage>(url(), { signal: ctrl.signal })
      .then((p) => setState({ status: "ready", rows: p.data, next: p.next_cursor }))
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setState({ status: "error", message: errorMessage(err) });
      });
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- url() depends only on owner
  }, [owner, version, attempt]);

  const loadMore = useCallback(async () => {
    if (state.status !== "ready" || !state.next) return;
    setMore({ loading: true, error: null });
    try {
      const p = await api<LedgerPage>(url(state.next));
      setState({ status: "ready", rows: [...state.rows, ...p.data], next: p.next_cursor });
      setMore({ loading: false, error: null });
    } catch (err) {
      setMore({ loading: false, error: errorMessage(err) });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- url() depends only on owner
  }, [state, owner]);

  return { state, more, loadMore, retry: () => setAttempt((a) => a + 1) };
}

function Row({ entry, showOwner }: { entry: LedgerEntry; showOwner: boolean }) {
  const positive = entry.amount > 0;
  const privateWork = showOwner && /^framecast:tm_/.test(entry.owner);
  return (
    <li className="flex items-start justify-between gap-3 py-2.5" data-testid="ledger-row" data-kind={entry.kind}>
      <div className="min-w-0">
        <p className="text-sm font-medium text-zinc-900">
          {KIND_LABEL[entry.kind]}
          {entry.job_id ? (
            <Link href={`/app/jobs/${entry.job_id}`} className="ml-2 text-xs font-normal text-brand-700 underline-offset-2 hover:underline">
              View render
            </Link>
          ) : null}
        </p>
        <p className="text-xs text-zinc-500">
          {formatDateTime(entry.created_at)}
          {privateWork ? " · a member's private render" : ""}
        </p>
      </div>
      <div className="shrink-0 text-right">
        <p className={cn("text-sm font-semibold tabular-nums", positive ? "text-emerald-700" : "text-zinc-900")}>
          {positive ? "+" : "−"}
          {formatNumber(Math.abs(entry.amount))}
        </p>
        <p className="text-xs text-zinc-500 tabular-nums">Balance {formatNumber(entry.balance_after)}</p>
      </div>
    </li>
  );
}

/** A balance's history (GET /v1/credits/ledger), newest first, with "Load more". */
export function LedgerList({ owner, version = 0, label }: { owner: string; version?: number; label: string }) {
  const { state, more, loadMore, retry } = useLedger(owner, version);
  if (state.status === "loading") {
    return (
      <div className="space-y-3" aria-busy="true">
        <Skeleton className="h-9 w-full" />
        <Skeleton className="h-9 w-full" />
      </div>
    );
  }
  if (state.status === "error") return <LoadErrorAlert title="Couldn't load the credit history" message={state.message} onRetry={retry} />;
  if (state.rows.length === 0) return <p className="text-sm text-zinc-500">No credit movements yet.</p>;
  return (
    <div>
      <ul aria-label={label} className="divide-y divide-zinc-100">
        {state.rows.map((e) => (
          <Row key={e.id} entry={e} showOwner />
        ))}
      </ul>
      {more.error ? <p role="alert" className="mt-2 text-sm text-red-700">Couldn&apos;t load more: {more.error}</p> : null}
      {state.next ? (
        <Button variant="secondary" size="sm" className="mt-3 w-full sm:w-auto" loading={more.loading} onClick={() => void loadMore()}>
          Load more
        </Button>
      ) : null}
    </div>
  );
}
