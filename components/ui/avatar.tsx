"use client";

import { useState } from "react";
import { cn } from "./cn";

function initials(name: string | null | undefined, email: string): string {
  const source = name?.trim() || email.split("@")[0] || "?";
  const parts = source.split(/[\s._-]+/).filter(Boolean);
  const letters = parts.length > 1 ? `${parts[0]![0]}${parts[1]![0]}` : source.slice(0, 2);
  return letters.toUpperCase();
}

/** The user's avatar image, or their initials on a tinted disc. */
export function Avatar({
  name,
  email,
  src,
  size = 32,
  className,
}: {
  name?: string | null;
  email: string;
  src?: string | null;
  size?: number;
  className?: string;
}) {
  const [failed, setFailed] = useState<string | null>(null);
  const style = { width: size, height: size, fontSize: Math.max(10, Math.round(size * 0.38)) };
  if (src && failed !== src) {
    return (
      // Avatar URLs are arbitrary user-provided hosts, so next/image (which needs allow-listed hosts) is not used.
      // eslint-disable-next-line @next/next/no-img-element
      <img
        src={src}
        alt=""
        width={size}
        height={size}
        style={style}
        className={cn("shrink-0 rounded-full bg-zinc-100 object-cover ring-1 ring-zinc-200", className)}
        referrerPolicy="no-referrer"
        onError={() => setFailed(src)}
      />
    );
  }
  return (
    <span
      aria-hidden="true"
      style={style}
      className={cn(
        "inline-flex shrink-0 items-center justify-center rounded-full bg-linear-to-br from-brand-400 to-brand-700 font-semibold text-white",
        className,
      )}
    >
      {initials(name, email)}
    </span>
  );
}
