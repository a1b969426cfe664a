import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** A radio group drawn as a segmented control (as in the API key expiry picker). */
export function Segmented<T extends string | number>({
  name,
  legend,
  value,
  options,
  onChange,
  disabled,
  hint,
}: {
  name: string;
  legend: ReactNode;
  value: T;
  options: readonly { value: T; label: ReactNode }[];
  onChange: (value: T) => void;
  disabled?: boolean;
  hint?: ReactNode;
}) {
  return (
    <fieldset disabled={disabled} className="min-w-0">
      <legend className="text-[13px] font-medium text-zinc-800">{legend}</legend>
      <div
        className="mt-1.5 grid rounded-lg bg-zinc-100 p-1 text-sm"
        style={{ gridTemplateColumns: `repeat(${options.length}, minmax(0, 1fr))` }}
      >
        {options.map((o) => (
          <label
            key={String(o.value)}
            className={cn(
              "cursor-pointer rounded-md px-2 py-1.5 text-center font-medium whitespace-nowrap transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500",
              value === o.value ? "bg-white text-zinc-950 shadow-card" : "text-zinc-500 hover:text-zinc-800",
              disabled && "cursor-not-allowed opacity-60",
            )}
          >
            <input
              type="radio"
              name={name}
              value={String(o.value)}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              className="sr-only"
            />
            {o.label}
          </label>
        ))}
      </div>
      {hint ? <p className="mt-1.5 text-[13px] text-zinc-500">{hint}</p> : null}
    </fieldset>
  );
}
