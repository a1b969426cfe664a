import type { ReactNode } from "react";

/** A label and its value on one line (the team's summary and usage cards). */
export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-3">
      <span className="text-zinc-500">{label}</span>
      <span className="min-w-0 truncate text-zinc-900">{children}</span>
    </div>
  );
}
