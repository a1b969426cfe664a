import type { ReactNode } from "react";
import { formatNumber, formatSeconds } from "@/components/format";
import { AlertCircleIcon, ClockIcon, LoaderIcon, RefreshIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { CircleCheckIcon } from "@/components/icons";
import { formatDuration } from "./status";
import type { Estimate, ValidationResult } from "./types";

/** The line under the editor: checking, valid (with warnings), N errors, or a failed check. */
export function ValidationStatus({
  checking,
  validation,
  checkError,
  onRetry,
}: {
  checking: boolean;
  validation: ValidationResult | null;
  checkError: string | null;
  onRetry: () => void;
}) {
  let state: "checking" | "valid" | "invalid" | "error";
  let body: ReactNode;
  if (checking) {
    state = "checking";
    body = (
      <span className="flex items-center gap-1.5 text-zinc-500">
        <LoaderIcon size={14} className="animate-spin" /> Checking…
      </span>
    );
  } else if (checkError) {
    state = "error";
    body = (
      <span className="flex flex-wrap items-center gap-2 text-red-700">
        <AlertCircleIcon size={14} /> Couldn&apos;t check the storyboard: {checkError}
        <Button size="sm" variant="secondary" onClick={onRetry}>
          <RefreshIcon size={13} /> Retry
        </Button>
      </span>
    );
  } else if (validation?.valid) {
    state = "valid";
    const w = validation.warnings.length;
    body = (
      <span className="flex items-center gap-1.5 font-medium text-emerald-700">
        <CircleCheckIcon size={15} /> Valid storyboard
        {w ? <span className="font-normal text-amber-700">· {w} {w === 1 ? "warning" : "warnings"}</span> : null}
      </span>
    );
  } else {
    state = "invalid";
    const n = validation?.errors.length ?? 0;
    body = (
      <span className="flex items-center gap-1.5 font-medium text-red-700">
        <AlertCircleIcon size={15} /> {n} {n === 1 ? "error" : "errors"}
      </span>
    );
  }
  return (
    <p id="spec-status" data-testid="validation-status" data-state={state} aria-live="polite">
      {body}
    </p>
  );
}

function Stat({ label, value, testId, hint }: { label: string; value: ReactNode; testId?: string; hint?: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd data-testid={testId} className="mt-0.5 text-lg font-semibold tracking-tight tabular-nums text-zinc-950">
        {value}
      </dd>
      {hint ? <dd className="text-xs text-zinc-500">{hint}</dd> : null}
    </div>
  );
}

/** The estimate card body: length, cost, render time, balance after, per-scene credits. */
export function EstimateBody({
  estimate,
  estimating,
  error,
  valid,
  preview,
  balance,
}: {
  estimate: Estimate | null;
  estimating: boolean;
  error: string | null;
  valid: boolean;
  preview: boolean;
  balance: number;
}) {
  if (!valid) {
    return <p className="text-sm text-zinc-500">The duration and cost appear here once the storyboard is valid.</p>;
  }
  if (error) {
    return (
      <Alert tone="warning" title="Couldn't estimate this render">
        {error} You can still start it; the cost is checked again when it starts.
      </Alert>
    );
  }
  if (estimating || !estimate) {
    return (
      <div className="grid grid-cols-2 gap-4" aria-label="Estimating">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="space-y-1.5">
            <Skeleton className="h-3 w-16" />
            <Skeleton className="h-6 w-20" />
          </div>
        ))}
      </div>
    );
  }
  const after = balance - estimate.estimated_credits;
  return (
    <>
      <dl className="grid grid-cols-2 gap-4">
        <Stat label="Video length" value={formatDuration(estimate.estimated_duration_seconds)} testId="estimate-duration" />
        <Stat
          label="Cost"
          value={preview || estimate.estimated_credits === 0 ? "Free" : formatNumber(estimate.estimated_credits)}
          hint={preview || estimate.estimated_credits === 0 ? "draft" : "credits"}
          testId="estimate-credits"
        />
        <Stat
          label="Render time"
          value={
            <span className="flex items-center gap-1">
              <ClockIcon size={14} className="text-zinc-400" />~{formatSeconds(estimate.estimated_generation_time_seconds)}
            </span>
          }
        />
        <Stat
          label="Balance after"
          value={<span className={cn(after < 0 && "text-red-600")}>{formatNumber(after)}</span>}
          hint={`of ${formatNumber(balance)}`}
          testId="estimate-balance"
        />
      </dl>
      {estimate.scenes.length ? (
        <div>
          <p className="mb-1.5 text-xs font-medium text-zinc-500">Scenes</p>
          <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-100 text-[13px]">
            {estimate.scenes.map((s) => (
              <li key={s.id} className="flex items-center justify-between gap-3 px-3 py-1.5">
                <span className="truncate font-mono text-zinc-800">{s.id}</span>
                <span className="shrink-0 text-zinc-500 tabular-nums">
                  {formatDuration(s.duration)} · {s.credits ? `${formatNumber(s.credits)} cr` : "free"}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
