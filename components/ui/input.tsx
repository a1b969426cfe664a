import type { InputHTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";

export const inputClasses =
  "block h-9 w-full rounded-lg border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-card " +
  "placeholder:text-zinc-400 transition-colors " +
  "focus:border-brand-500 focus:outline-none focus:ring-3 focus:ring-brand-500/15 " +
  "disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-zinc-500 " +
  "read-only:bg-zinc-50 read-only:text-zinc-600 read-only:focus:ring-0 read-only:focus:border-zinc-300 " +
  "aria-invalid:border-red-400 aria-invalid:focus:ring-red-500/15";

export function Input({ className, ...rest }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={cn(inputClasses, className)} {...rest} />;
}

export function Label({ htmlFor, children, className }: { htmlFor?: string; children: ReactNode; className?: string }) {
  return (
    <label htmlFor={htmlFor} className={cn("block text-[13px] font-medium text-zinc-800", className)}>
      {children}
    </label>
  );
}

/** A label, a control and an optional hint or error underneath. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
  className,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("space-y-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-[13px] text-red-600">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-[13px] text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
