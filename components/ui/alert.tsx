import type { ReactNode } from "react";
import { AlertCircleIcon, CheckIcon, AlertIcon } from "@/components/icons";
import { cn } from "./cn";

type Tone = "error" | "success" | "warning" | "info";

const tones: Record<Tone, string> = {
  error: "border-red-200 bg-red-50 text-red-800",
  success: "border-emerald-200 bg-emerald-50 text-emerald-800",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  info: "border-zinc-200 bg-zinc-50 text-zinc-700",
};

const icons: Record<Tone, ReactNode> = {
  error: <AlertCircleIcon className="mt-0.5 shrink-0" />,
  success: <CheckIcon className="mt-0.5 shrink-0" />,
  warning: <AlertIcon className="mt-0.5 shrink-0" />,
  info: <AlertCircleIcon className="mt-0.5 shrink-0" />,
};

export function Alert({
  tone = "error",
  title,
  children,
  className,
}: {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cn("flex gap-2.5 rounded-lg border px-3.5 py-3 text-sm", tones[tone], className)}
    >
      {icons[tone]}
      <div className="min-w-0 space-y-1">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className={cn(title ? "opacity-90" : undefined)}>{children}</div> : null}
      </div>
    </div>
  );
}
