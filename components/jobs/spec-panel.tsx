"use client";

import { useMemo } from "react";
import { stringify } from "yaml";
import { ChevronDownIcon } from "@/components/icons";
import { CopyButton } from "@/components/ui/copy-button";
import { orderStoryboardKeys } from "@/lib/storyboard/key-order";
import { FileCodeIcon } from "@/components/icons";

/** The storyboard a job rendered (`spec_snapshot`) as YAML, in a collapsible panel. */
export function SpecPanel({ spec }: { spec: unknown }) {
  const yaml = useMemo(() => {
    if (spec === null || spec === undefined) return "";
    try {
      return stringify(orderStoryboardKeys(spec), { lineWidth: 0 });
    } catch {
      return JSON.stringify(spec, null, 2);
    }
  }, [spec]);
  const lines = yaml ? yaml.trimEnd().split("\n").length : 0;

  return (
    <details data-testid="spec-snapshot" className="group rounded-xl border border-zinc-200 bg-white shadow-card">
      <summary className="flex cursor-pointer list-none items-center justify-between gap-3 rounded-xl px-5 py-4 select-none hover:bg-zinc-50/70 sm:px-6 [&::-webkit-details-marker]:hidden">
        <span className="flex min-w-0 items-center gap-3">
          <span className="flex h-8 w-8 shrink-0 items-center justify-center rounded-lg border border-zinc-200 bg-zinc-50 text-zinc-600">
            <FileCodeIcon size={16} />
          </span>
          <span className="min-w-0">
            <span className="block text-[15px] font-semibold tracking-tight text-zinc-950">Storyboard</span>
            <span className="block text-sm text-zinc-500">
              Exactly what was rendered{lines ? ` · ${lines} lines of YAML` : ""}
            </span>
          </span>
        </span>
        <ChevronDownIcon size={16} className="shrink-0 text-zinc-400 transition-transform group-open:rotate-180" />
      </summary>
      <div className="border-t border-zinc-100 px-5 py-4 sm:px-6">
        {yaml ? (
          <div className="relative">
            <div className="absolute top-2 right-2">
              <CopyButton value={yaml} variant="ghost" iconOnly label="Copy YAML" className="text-zinc-400 hover:bg-white/10 hover:text-white" />
            </div>
            <pre className="max-h-[480px] overflow-auto rounded-lg bg-zinc-950 p-4 pr-12 font-mono text-[12.5px] leading-5 text-zinc-100">
              <code>{yaml}</code>
            </pre>
          </div>
        ) : (
          <p className="text-sm text-zinc-500">The storyboard isn&apos;t available for this render.</p>
        )}
      </div>
    </details>
  );
}
