"use client";

import { useEffect, useId, useRef, type FormEvent, type ReactNode } from "react";
import { XIcon } from "@/components/icons";
import { cn } from "./cn";

/**
 * A modal built on the native <dialog> element: focus trapping, Escape and the top layer come
 * from the browser. `open` drives showModal()/close(); `onClose` fires on Escape, the close
 * button and backdrop clicks. With `onSubmit`, body and footer are wrapped in a <form>, so a
 * submit button in the footer submits it (and Enter in a field does too).
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  onSubmit,
  className,
  dismissible = true,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  onSubmit?: (e: FormEvent<HTMLFormElement>) => void;
  className?: string;
  /** When false (e.g. while a request is running), Escape and backdrop clicks are ignored. */
  dismissible?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) {
      el.showModal();
      // the first field, not the close button, gets the focus (else the first control)
      const first = el.querySelector<HTMLElement>("input:not([type=hidden]):not(:disabled), select:not(:disabled), textarea:not(:disabled)");
      first?.focus();
    }
    if (!open && el.open) el.close();
  }, [open]);

  const body = (
    <>
      {children ? <div className="min-h-0 flex-1 overflow-y-auto px-6 py-5">{children}</div> : null}
      {footer ? (
        <div className="flex shrink-0 flex-wrap justify-end gap-2 rounded-b-xl border-t border-zinc-100 bg-zinc-50/70 px-6 py-3.5">
          {footer}
        </div>
      ) : null}
    </>
  );

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        if (dismissible) onClose();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget && dismissible) onClose();
      }}
      className={cn(
        "m-auto w-[calc(100%-2rem)] max-w-lg overflow-visible rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-pop",
        "open:animate-pop-in backdrop:animate-fade-in",
        className,
      )}
    >
      {open ? (
        <div className="flex max-h-[calc(100dvh-2rem)] flex-col">
          <div className={cn("flex shrink-0 items-start justify-between gap-4 px-6 pt-5", !children && "pb-5")}>
            <div>
              <h2 id={titleId} className="text-base font-semibold tracking-tight">
                {title}
              </h2>
              {description ? (
                <p id={descId} className="mt-1 text-sm text-zinc-500">
                  {description}
                </p>
              ) : null}
            </div>
            <button
              type="button"
              onClick={onClose}
              disabled={!dismissible}
              aria-label="Close"
              className="-mt-1 -mr-2 rounded-md p-1.5 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 disabled:opacity-40"
            >
              <XIcon />
            </button>
          </div>
          {onSubmit ? (
            <form onSubmit={onSubmit} noValidate className="flex min-h-0 flex-1 flex-col">
              {body}
            </form>
          ) : (
            body
          )}
        </div>
      ) : null}
    </dialog>
  );
}
