import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AppNav } from "@/components/app/app-nav";
import { UserMenu } from "@/components/app/user-menu";
import { formatNumber } from "@/components/format";
import { CoinsIcon } from "@/components/icons";
import { LogoMark } from "@/components/logo";
import { requestPath, requireUser } from "@/components/session";
import { TierBadge } from "@/components/ui/badge";
import { notFoundForMissingResource } from "./missing-resource";

export const metadata: Metadata = { title: { default: "Dashboard", template: "%s · Framecast" } };

/** The signed-in shell: top bar with credits, plan and account menu, then section tabs. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  // requirePageUser() from @/lib/auth/page-session, resolved once per request (React cache) and
  // shared with the page. Layouts don't know the path; `requestPath` uses x-pathname if set.
  const user = await requireUser(await requestPath("/app"));
  await notFoundForMissingResource(user.id);
  const display = user.name?.trim() || user.email.split("@")[0] || user.email;

  return (
    <div className="min-h-dvh">
      <header className="sticky top-0 z-40 border-b border-zinc-200 bg-white/90 backdrop-blur-md">
        <div className="mx-auto max-w-6xl px-4 sm:px-6">
          <div className="flex h-14 items-center justify-between gap-4">
            <div className="flex min-w-0 items-center gap-3">
              <Link href="/app" aria-label="Framecast dashboard" className="rounded-md">
                <LogoMark size={26} />
              </Link>
              <span aria-hidden="true" className="text-xl font-light text-zinc-300">
                /
              </span>
              <div className="flex min-w-0 items-center gap-2">
                <span className="truncate text-sm font-medium text-zinc-900">{display}</span>
                <TierBadge tier={user.tier} />
              </div>
            </div>
            <div className="flex items-center gap-2 sm:gap-3">
              <Link
                href="/app/settings#usage"
                data-testid="credit-balance"
                aria-label={`Credit balance: ${formatNumber(user.credits)} credits`}
                className="inline-flex h-8 items-center gap-2 rounded-full border border-zinc-200 bg-white px-3 text-sm shadow-card transition-colors hover:border-zinc-300 hover:bg-zinc-50"
              >
                <CoinsIcon size={15} className="text-brand-600" />
                <span className="font-semibold tabular-nums text-zinc-950">{formatNumber(user.credits)}</span>
                <span className="hidden text-zinc-500 sm:inline">credits</span>
              </Link>
              <UserMenu email={user.email} name={user.name} avatarUrl={user.avatar_url} tier={user.tier} />
            </div>
          </div>
          <AppNav />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6 sm:py-10">
        {children}
      </main>
    </div>
  );
}
