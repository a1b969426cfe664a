import Link from "next/link";
import { cn } from "@/components/ui/cn";

/** The Framecast mark: a viewfinder frame around a play head. */
export function LogoMark({ size = 28, className }: { size?: number; className?: string }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 32 32"
      fill="none"
      aria-hidden="true"
      className={cn("shrink-0", className)}
    >
      <defs>
        <linearGradient id="fc-logo-gradient" x1="0" y1="0" x2="32" y2="32" gradientUnits="userSpaceOnUse">
          <stop stopColor="#8e80fc" />
          <stop offset="1" stopColor="#4233a4" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill="url(#fc-logo-gradient)" />
      <path
        d="M7.5 12V9.5a1 1 0 0 1 1-1H11M21 8.5h2.5a1 1 0 0 1 1 1V12M24.5 20v2.5a1 1 0 0 1-1 1H21M11 23.5H8.5a1 1 0 0 1-1-1V20"
        stroke="#fff"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <path d="M13.5 12.6v6.8a.6.6 0 0 0 .9.5l5.6-3.4a.6.6 0 0 0 0-1l-5.6-3.4a.6.6 0 0 0-.9.5Z" fill="#fff" />
    </svg>
  );
}

export function Logo({ href = "/", className, size = 28 }: { href?: string; className?: string; size?: number }) {
  return (
    <Link
      href={href}
      className={cn("inline-flex items-center gap-2.5 rounded-md font-semibold tracking-tight text-zinc-950", className)}
      aria-label="Framecast home"
    >
      <LogoMark size={size} />
      <span className="text-[15px]">Framecast</span>
    </Link>
  );
}
