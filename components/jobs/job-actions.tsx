"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, api, errorMessage } from "@/components/api-client";
import { formatNumber } from "@/components/format";
import { BanIcon, CopyIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { newIdempotencyKey } from "./api";
import { TrashIcon } from "@/components/icons";
import { clampPercent } from "./status";
import type { Job } from "./types";

type Pending = "cancel" | "clone" | "delete" | null;

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
  const [confirm, setConfirm] = useState<"cancel" | "delete" | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [cloneKey] = useState(newIdempotencyKey);
  const path = `/v1/jobs/${encodeURIComponent(job.id)}`;

  function open(which: "cancel" | "delete") {
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
      router.push(`/app/jobs/${encodeURIComponent(created.id)}`);
      router.refresh();
    } catch (err) {
      setPending(null);
      if (err instanceof ApiError && err.code === "CONCURRENCY_LIMIT_EXCEEDED") {
        onError(`${err.message} Wait for the running render to finish, or cancel it, then clone again.`);
      } else if (err instanceof ApiError && err.code === "INSUFFICIENT_CREDITS") {
        onError(`Not enough credits to render this again. ${err.message}`);
      } else {
        onError(`Couldn't clone this render: ${errorMessage(err)}`);
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
      <Button variant="secondary" onClick={clone} loading={pending === "clone"} disabled={pending !== null} data-testid="clone-job">
        {pending === "clone" ? null : <CopyIcon size={15} />} Render again
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
