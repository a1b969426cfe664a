"use client";

import { useId, useState, type ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { Input } from "./input";

/**
 * Asks before a destructive action. With `typeToConfirm`, the confirm button stays disabled until
 * that text (e.g. the team's name) is typed. `onConfirm` runs the action: while it runs the dialog
 * cannot be dismissed; a thrown error's message is shown in the dialog and it stays open.
 */
export function ConfirmDialog({
  open,
  onClose,
  title,
  description,
  confirmLabel,
  typeToConfirm,
  onConfirm,
  errorText,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  typeToConfirm?: string;
  onConfirm: () => Promise<void>;
  /** Turns a thrown value into the sentence shown. */
  errorText: (err: unknown) => string;
}) {
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fieldId = useId();
  const ready = !typeToConfirm || typed.trim() === typeToConfirm.trim();

  function close() {
    setTyped("");
    setError(null);
    onClose();
  }

  async function confirm() {
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setTyped("");
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      dismissible={!busy}
      title={title}
      description={description}
      onSubmit={(e) => {
        e.preventDefault();
        void confirm();
      }}
      footer={
        <>
          <Button type="button" variant="ghost" onClick={close} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" loading={busy} disabled={!ready}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="space-y-3">
        {typeToConfirm ? (
          <div className="space-y-1.5">
            <label htmlFor={fieldId} className="block text-sm text-zinc-700">
              Type <span className="font-semibold text-zinc-900">{typeToConfirm}</span> to confirm
            </label>
            <Input id={fieldId} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
          </div>
        ) : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
      </div>
    </Dialog>
  );
}
