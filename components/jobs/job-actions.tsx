"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ApiError, api, errorMessage } from "@/components/api-client";
import { formatNumber } from "@/components/format";
import { BanIcon, CopyIcon, FileCodeIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { newIdempotencyKey } from "./api";
import { TrashIcon } from "@/components/icons";
import { clampPercent } from "./status";
import type { Estimate, Job } from "./types";

type Pending = "cancel" | "clone" | "delete" | null;
type Confirm = "cancel" | "delete" | "clone" | null;

/** Where "Edit & re-render" opens the storyboard: back in its project, or in a new render. */
export function editHref(job: Pick<Job, "id" | "project_id">): string {
  return job.project_id ? `/app/projects/${encodeURIComponent(job.project_id)}` : `/app/new?from=${encodeURIComponent(job.id)}`;
}

/** What rendering the job's storyboard again would cost its owner now (POST /v1/spec/estimate). */
function useRerenderEstimate(job: Job, open: boolean) {
  const [state, setState] = useState<{ estimate: Estimate } | { error: string } | null>(null);
  useEffect(() => {
    if (!open || !job.spec_snapshot) return;
    const ctrl = new AbortController();
    api<Estimate>("/v1/spec/estimate", { method: "POST", body: { spec: job.spec_snapshot, owner: job.owner, options: job.options ?? {} }, signal: ctrl.signal })
      .then((estimate) => setState({ estimate }))
      .catch((err: unknown) => !ctrl.signal.aborted && setState({ error: errorMessage(err) }));
    return () => ctrl.abort();
  }, [open, job.spec_snapshot, job.owner, job.options]);
  return open ? state : null;
}

function RerenderCost({ job, state }: { job: Job; state: ReturnType<typeof useRerenderEstimate> }) {
  if (!state) return <p className="text-sm text-zinc-500" data-testid="rerender-cost" aria-busy="true">Working out the cost…</p>;
  if ("error" in state) return <Alert tone="error">{`Couldn't work out the cost: ${state.error}`}</Alert>;
  const { estimate } = state;
  const o = job.options ?? {};
  const settings = [o.preview ? "animatic draft" : (o.resolution ?? "720p"), `${o.fps ?? 24} fps`, o.seed !== undefined ? `seed ${o.seed}` : null].filter(Boolean).join(" · ");
  return (
    <div className="space-y-3">
      <dl className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 px-3 text-sm">
        <div className="flex items-baseline justify-between gap-4 py-2">
          <dt className="text-zinc-500">Cost</dt>
          <dd data-testid="rerender-cost" className="font-semibold text-zinc-950 tabular-nums">
            {estimate.estimated_credits === 0 ? "Free" : `${formatNumber(estimate.estimated_credits)} credits`}
          </dd>
        </div>
        {estimate.balance !== undefined ? (
          <div className="flex items-baseline justify-between gap-4 py-2">
            <dt className="text-zinc-500">Balance</dt>
            <dd className="text-zinc-900 tabular-nums">{formatNumber(estimate.balance)} credits</dd>
          </div>
        ) : null}
        <div className="flex items-baseline justify-between gap-4 py-2">
          <dt className="text-zinc-500">Settings</dt>
          <dd className="text-right text-zinc-900">{settings}</dd>
        </div>
      </dl>
      {estimate.sufficient_credits === false ? (
        <Alert tone="warning" title="Not enough credits">
          This render needs {formatNumber(estimate.estimated_credits)} credits. Edit it as a free animatic draft or at 720p, or add credits first.
        </Alert>
      ) : null}
    </div>
  );
}

/** What canceling now would refund: the unrendered share less 10 % (spec part 4 §4). */
function cancelRefund(job: Job): number {
  const p = clampPercent(job.progress?.percent);
  return Math.floor(job.credits_charged * (1 - p / 100) * 0.9);
}

/**
 * Cancel (confirm) while the job runs, clone (a new job from the same storyboard and options),
 * delete (confirm; only ephemeral, finished jobs). Errors of clone go to `onError`; those of
 * cancel and delete show in their dialog.
 */
export function JobActions({
  job,
  onUpdated,
  onError,
}: {
  job: Job;
  onUpdated: (job: Job) => void;
  onError: (message: string | null) => void;
}) {
  const router = useRouter();
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [cloneKey] = useState(newIdempotencyKey);
  const path = `/v1/jobs/${encodeURIComponent(job.id)}`;

  const rerender = useRerenderEstimate(job, confirm === "clone");
  const rerenderBlocked = !rerender || "error" in rerender || rerender.estimate.sufficient_credits === false;

  function open(which: Exclude<Confirm, null>) {
    setDialogError(null);
    onError(null);
    setConfirm(which);
  }

  async function cancel() {
    setPending("cancel");
    setDialogError(null);
    try {
      const updated = await api<Job>(`${path}/cancel`, { method: "POST" });
      onUpdated(updated);
      setConfirm(null);
      router.refresh(); // refunded credits show in the header
    } catch (err) {
      if (err instanceof ApiError && err.code === "INVALID_STATE") {
        setDialogError("This render has already finished, so it can't be canceled.");
        api<Job>(path).then(onUpdated, () => undefined);
      } else {
        setDialogError(errorMessage(err));
      }
    } finally {
      setPending(null);
    }
  }

  async function clone() {
    setPending("clone");
    onError(null);
    try {
      // One key per page view: a double submit returns the same new job.
      // "Render again" keeps the render where it was: a team's render stays the team's.
      const created = await api<Job>(`${path}/clone`, { method: "POST", body: { owner: job.owner, idempotency_key: cloneKey } });
      setConfirm(null);
      router.push(`/app/jobs/${encodeURIComponent(created.id)}`);
      router.refresh();
    } catch (err) {
      setPending(null);
      if (err instanceof ApiError && err.code === "CONCURRENCY_LIMIT_EXCEEDED") {
        setDialogError(`${err.message} Wait for the running render to finish, or cancel it, then render again.`);
      } else if (err instanceof ApiError && err.code === "INSUFFICIENT_CREDITS") {
        setDialogError(`Not enough credits to render this again. ${err.message}`);
      } else {
        setDialogError(`Couldn't start the render: ${errorMessage(err)}`);
      }
    }
  }

  async function remove() {
    setPending("delete");
    setDialogError(null);
    try {
      await api<void>(path, { method: "DELETE" });
      setConfirm(null);
      router.push("/app/jobs");
      router.refresh();
    } catch (err) {
      setPending(null);
      setDialogError(
        err instanceof ApiError && err.code === "INVALID_STATE"
          ? "Only finished renders that aren't part of a project can be deleted."
          : errorMessage(err),
      );
    }
  }

  const refund = cancelRefund(job);
  const canDelete = job.is_ephemeral && job.is_terminal;

  return (
    <>
      {!job.is_terminal ? (
        <Button variant="secondary" onClick={() => open("cancel")} disabled={pending !== null} data-testid="cancel-job">
          <BanIcon size={15} /> Cancel render
        </Button>
      ) : null}
      <ButtonLink href={editHref(job)} variant="secondary" data-testid="edit-rerender">
        <FileCodeIcon size={15} /> {job.project_id ? "Open project" : "Edit & re-render"}
      </ButtonLink>
      <Button variant="secondary" onClick={() => open("clone")} disabled={pending !== null} data-testid="clone-job">
        <CopyIcon size={15} /> Render again
      </Button>
      {canDelete ? (
        <Button
          variant="ghost"
          onClick={() => open("delete")}
          disabled={pending !== null}
          data-testid="delete-job"
          className="text-red-600 hover:bg-red-50 hover:text-red-700"
        >
          <TrashIcon size={15} /> Delete
        </Button>
      ) : null}

      <Dialog
        open={confirm === "cancel"}
        onClose={() => setConfirm(null)}
        dismissible={pending !== "cancel"}
        title="Cancel this render?"
        description={
          job.credits_charged > 0 ? (
            <>
              Rendering stops and can&apos;t be resumed. The unrendered part is refunded less 10 % — about{" "}
              <span className="font-medium text-zinc-900">{formatNumber(refund)} credits</span> of the{" "}
              {formatNumber(job.credits_charged)} charged if you cancel now.
            </>
          ) : (
            "Rendering stops and can't be resumed. This draft didn't use credits."
          )
        }
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirm(null)} disabled={pending === "cancel"}>
              Keep rendering
            </Button>
            <Button variant="danger" onClick={cancel} loading={pending === "cancel"}>
              Cancel render
            </Button>
          </>
        }
      >
        {dialogError ? <Alert tone="error">{dialogError}</Alert> : null}
      </Dialog>

      <Dialog
        open={confirm === "clone"}
        onClose={() => setConfirm(null)}
        dismissible={pending !== "clone"}
        title="Render this again?"
        description="A new render of the same storyboard with the same settings. Credits are charged when it starts; failures are refunded."
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirm(null)} disabled={pending === "clone"}>
              Not now
            </Button>
            <Button onClick={clone} loading={pending === "clone"} disabled={rerenderBlocked} data-testid="confirm-rerender">
              {rerender && "estimate" in rerender && rerender.estimate.estimated_credits > 0
                ? `Render for ${formatNumber(rerender.estimate.estimated_credits)} credits`
                : "Render again"}
            </Button>
          </>
        }
      >
        <RerenderCost job={job} state={rerender} />
        {dialogError ? <Alert tone="error" className="mt-3">{dialogError}</Alert> : null}
      </Dialog>

      <Dialog
        open={confirm === "delete"}
        onClose={() => setConfirm(null)}
        dismissible={pending !== "delete"}
        title="Delete this render?"
        description="The video, its scene previews and the job record are removed for good. Credits are not affected. This can't be undone."
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirm(null)} disabled={pending === "delete"}>
              Keep it
            </Button>
            <Button variant="danger" onClick={remove} loading={pending === "delete"}>
              Delete render
            </Button>
          </>
        }
      >
        {dialogError ? <Alert tone="error">{dialogError}</Alert> : null}
      </Dialog>
    </>
  );
}
