"use client";

import { useCallback, useEffect, useState } from "react";
import { api, errorMessage, type Usage } from "@/components/api-client";
import { currentPeriod, formatNumber, formatPeriod, formatSeconds, shiftPeriod } from "@/components/format";
import { ChevronLeftIcon, ChevronRightIcon, RefreshIcon } from "@/components/icons";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";

type State = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; usage: Usage };

function useUsage(period: string | undefined) {
  const [state, setState] = useState<State>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    const qs = period ? `?period=${encodeURIComponent(period)}` : "";
    api<Usage>(`/v1/account/usage${qs}`, { signal: ctrl.signal })
      .then((usage) => setState({ status: "ready", usage }))
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        setState({ status: "error", message: errorMessage(err) });
      });
    return () => ctrl.abort();
  }, [period, attempt]);

  const retry = useCallback(() => {
    setState({ status: "loading" });
    setAttempt((a) => a + 1);
  }, []);
  return { state, retry, setState };
}

function Stat({ label, value, hint, loading }: { label: string; value: string; hint?: string; loading: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-[13px] text-zinc-500">{label}</dt>
      <dd className="mt-1">
        {loading ? (
          <Skeleton className="h-7 w-16" />
        ) : (
          <span className="text-2xl font-semibold tracking-tight tabular-nums text-zinc-950">{value}</span>
        )}
        {hint && !loading ? <span className="mt-0.5 block text-xs text-zinc-500">{hint}</span> : null}
      </dd>
    </div>
  );
}

function ErrorRow({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div role="alert" className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-red-50 px-3 py-2.5 text-sm text-red-700">
      <span>Couldn&apos;t load usage: {message}</span>
      <Button size="sm" variant="secondary" onClick={onRetry}>
        <RefreshIcon size={14} /> Retry
      </Button>
    </div>
  );
}

/** This month's API calls, renders and credits (dashboard card body). */
export function UsageSummary() {
  const { state, retry } = useUsage(undefined);
  if (state.status === "error") return <ErrorRow message={state.message} onRetry={retry} />;
  const loading = state.status === "loading";
  const t = state.status === "ready" ? state.usage.totals : undefined;
  return (
    <dl className="grid grid-cols-3 gap-4" aria-busy={loading}>
      <Stat label="API calls" value={formatNumber(t?.api_calls ?? 0)} loading={loading} />
      <Stat label="Renders" value={formatNumber(t?.renders_count ?? 0)} loading={loading} />
      <Stat
        label="Credits used"
        value={formatNumber(t?.credits_used ?? 0)}
        hint={t ? `${formatNumber(t.credits_refunded)} refunded · net ${formatNumber(t.net_credits)}` : undefined}
        loading={loading}
      />
    </dl>
  );
}

function ownerLabel(owner: string): string {
  if (owner.startsWith("framecast:user:")) return "Personal";
  if (owner.startsWith("framecast:team:")) return `Team ${owner.slice("framecast:team:tm_".length, "framecast:team:tm_".length + 8)}`;
  const m = /^framecast:tm_([0-9a-f]{8})/.exec(owner);
  return m ? `Private in team ${m[1]}` : owner;
}

/** Full usage panel with a month switcher and a per-owner breakdown (settings page). */
export function UsagePanel() {
  const now = currentPeriod();
  const [period, setPeriod] = useState(now);
  const { state, retry, setState } = useUsage(period);
  const loading = state.status === "loading";
  const usage = state.status === "ready" ? state.usage : undefined;
  const t = usage?.totals;

  function go(delta: number) {
    setState({ status: "loading" });
    setPeriod((p) => shiftPeriod(p, delta));
  }

  return (
    <div className="space-y-5">
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm font-medium text-zinc-900" aria-live="polite">
          {formatPeriod(period)}
          {period === now ? <span className="ml-2 font-normal text-zinc-500">(this month)</span> : null}
        </p>
        <div className="flex items-center gap-1">
          <Button variant="secondary" size="icon" aria-label="Previous month" onClick={() => go(-1)}>
            <ChevronLeftIcon />
          </Button>
          <Button variant="secondary" size="icon" aria-label="Next month" disabled={period >= now} onClick={() => go(1)}>
            <ChevronRightIcon />
          </Button>
        </div>
      </div>
      {state.status === "error" ? (
        <ErrorRow message={state.message} onRetry={retry} />
      ) : (
        <dl className="grid grid-cols-2 gap-x-4 gap-y-6 rounded-lg border border-zinc-100 bg-zinc-50/60 p-4 sm:grid-cols-4" aria-busy={loading}>
          <Stat label="API calls" value={formatNumber(t?.api_calls ?? 0)} loading={loading} />
          <Stat
            label="Renders"
            value={formatNumber(t?.renders_count ?? 0)}
            hint={t ? `${formatSeconds(t.render_seconds)} rendered` : undefined}
            loading={loading}
          />
          <Stat label="Credits used" value={formatNumber(t?.credits_used ?? 0)} loading={loading} />
          <Stat
            label="Net credits"
            value={formatNumber(t?.net_credits ?? 0)}
            hint={t && t.credits_refunded > 0 ? `${formatNumber(t.credits_refunded)} refunded` : t ? "No refunds" : undefined}
            loading={loading}
          />
        </dl>
      )}
      {usage && usage.data.length > 1 ? (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Usage by owner</caption>
            <thead className="text-xs text-zinc-500">
              <tr className="border-b border-zinc-100">
                <th scope="col" className="py-2 pr-4 font-medium">Owner</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">API calls</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">Renders</th>
                <th scope="col" className="py-2 text-right font-medium">Net credits</th>
              </tr>
            </thead>
            <tbody>
              {usage.data.map((row) => (
                <tr key={row.owner} className="border-b border-zinc-100 last:border-0">
                  <td className="py-2 pr-4">
                    <span className="font-medium text-zinc-900">{ownerLabel(row.owner)}</span>
                    <span className="block max-w-[22rem] truncate font-mono text-[11px] text-zinc-400">{row.owner}</span>
                  </td>
                  <td className={cn("py-2 pr-4 text-right tabular-nums")}>{formatNumber(row.api_calls)}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{formatNumber(row.renders_count)}</td>
                  <td className="py-2 text-right tabular-nums">{formatNumber(row.net_credits)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
