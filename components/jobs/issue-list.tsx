import { AlertCircleIcon, AlertIcon } from "@/components/icons";
import { cn } from "@/components/ui/cn";
import type { StoryboardIssue } from "./types";

function Location({ issue, onJump }: { issue: StoryboardIssue; onJump?: (line: number, column?: number) => void }) {
  if (typeof issue.line !== "number") return null;
  const text = `${issue.line}:${issue.column ?? 1}`;
  if (!onJump) return <span className="font-mono text-xs text-zinc-500 tabular-nums">{text}</span>;
  return (
    <button
      type="button"
      onClick={() => onJump(issue.line!, issue.column)}
      aria-label={`Go to line ${issue.line}, column ${issue.column ?? 1}`}
      className="rounded font-mono text-xs text-zinc-600 tabular-nums underline decoration-zinc-300 underline-offset-2 hover:text-zinc-950 hover:decoration-zinc-500"
    >
      {text}
    </button>
  );
}

function Item({
  issue,
  kind,
  onJump,
}: {
  issue: StoryboardIssue;
  kind: "error" | "warning";
  onJump?: (line: number, column?: number) => void;
}) {
  return (
    <li data-testid={kind === "error" ? "spec-error" : "spec-warning"} className="flex gap-2.5 px-4 py-2.5 text-sm sm:px-5">
      {kind === "error" ? (
        <AlertCircleIcon size={15} className="mt-0.5 shrink-0 text-red-600" />
      ) : (
        <AlertIcon size={15} className="mt-0.5 shrink-0 text-amber-600" />
      )}
      <div className="min-w-0 flex-1">
        <p className="text-zinc-900">{issue.message}</p>
        <p className="mt-0.5 flex flex-wrap items-center gap-x-2.5 gap-y-0.5">
          <Location issue={issue} onJump={onJump} />
          {issue.path && issue.path !== "(document)" ? (
            <code className="truncate font-mono text-xs text-zinc-500">{issue.path}</code>
          ) : null}
          {issue.valid_values?.length ? (
            <span className="text-xs text-zinc-500">
              Allowed:{" "}
              <span className="font-mono text-zinc-700">{issue.valid_values.map((v) => String(v)).join(", ")}</span>
            </span>
          ) : null}
        </p>
      </div>
    </li>
  );
}

/** Errors then warnings, each with a clickable line:column and the storyboard path. */
export function IssueList({
  errors,
  warnings,
  onJump,
  className,
}: {
  errors: StoryboardIssue[];
  warnings: StoryboardIssue[];
  onJump?: (line: number, column?: number) => void;
  className?: string;
}) {
  if (!errors.length && !warnings.length) return null;
  return (
    <div className={cn("overflow-hidden rounded-lg border border-zinc-200 bg-white", className)}>
      {errors.length ? (
        <section aria-label="Errors">
          <h3 className="border-b border-red-100 bg-red-50/70 px-4 py-2 text-[13px] font-medium text-red-800 sm:px-5">
            {errors.length} {errors.length === 1 ? "error" : "errors"} to fix before rendering
          </h3>
          <ul className="divide-y divide-zinc-100">
            {errors.map((e, i) => (
              <Item key={`e${i}`} issue={e} kind="error" onJump={onJump} />
            ))}
          </ul>
        </section>
      ) : null}
      {warnings.length ? (
        <section aria-label="Warnings" className={cn(errors.length > 0 && "border-t border-zinc-200")}>
          <h3 className="border-b border-amber-100 bg-amber-50/70 px-4 py-2 text-[13px] font-medium text-amber-900 sm:px-5">
            {warnings.length} {warnings.length === 1 ? "warning" : "warnings"}
          </h3>
          <ul className="divide-y divide-zinc-100">
            {warnings.map((w, i) => (
              <Item key={`w${i}`} issue={w} kind="warning" onJump={onJump} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
