"use client";

import { useSyncExternalStore } from "react";
import { AlertCircleIcon, CheckIcon, XIcon } from "@/components/icons";
import { cn } from "./cn";

/**
 * Toasts: `toast("Role changed to Admin.")` from anywhere on the client; `<Toaster/>` (in the root
 * layout) shows them in one polite live region (role="status", aria-live="polite"), so screen
 * readers announce each change once. They leave after 5 s (errors after 8 s) or when closed.
 */
export type ToastTone = "success" | "error" | "info";
interface ToastItem {
  id: number;
  message: string;
  tone: ToastTone;
}

let items: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function dismissToast(id: number) {
  items = items.filter((t) => t.id !== id);
  emit();
}

export function toast(message: string, tone: ToastTone = "success") {
  const id = nextId++;
  // the same sentence twice in a row is shown once
  items = [...items.filter((t) => t.message !== message), { id, message, tone }].slice(-4);
  emit();
  setTimeout(() => dismissToast(id), tone === "error" ? 8000 : 5000);
}

const subscribe = (l: () => void) => (listeners.add(l), () => void listeners.delete(l));
const EMPTY: ToastItem[] = [];

const tones: Record<ToastTone, string> = {
  success: "border-emerald-200 bg-white text-zinc-900",
  error: "border-red-200 bg-white text-zinc-900",
  info: "border-zinc-200 bg-white text-zinc-900",
};

export function Toaster() {
  const list = useSyncExternalStore(subscribe, () => items, () => EMPTY);
  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-3 bottom-3 z-[60] flex flex-col items-center gap-2 sm:inset-x-auto sm:right-5 sm:bottom-5 sm:items-end"
      data-testid="toasts"
    >
      {list.map((t) => (
        <div
          key={t.id}
          className={cn("pointer-events-auto flex w-full max-w-sm animate-pop-in items-start gap-2.5 rounded-lg border px-3.5 py-3 text-sm shadow-pop", tones[t.tone])}
          data-testid="toast"
        >
          {t.tone === "error" ? <AlertCircleIcon className="mt-0.5 shrink-0 text-red-600" /> : <CheckIcon className="mt-0.5 shrink-0 text-emerald-600" />}
          <p className="min-w-0 flex-1">{t.message}</p>
          <button type="button" onClick={() => dismissToast(t.id)} aria-label="Dismiss" className="-mr-1 rounded p-0.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800">
            <XIcon size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
