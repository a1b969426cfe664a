"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { ClapperIcon, DashboardIcon, SettingsIcon, UsersIcon } from "@/components/icons";
import { cn } from "@/components/ui/cn";

const items = [
  { href: "/app", label: "Dashboard", icon: DashboardIcon, exact: true, also: [] },
  { href: "/app/jobs", label: "Renders", icon: ClapperIcon, exact: false, also: ["/app/new"] },
  { href: "/app/teams", label: "Teams", icon: UsersIcon, exact: false, also: [] },
  { href: "/app/settings", label: "Settings", icon: SettingsIcon, exact: false, also: [] },
];

const within = (pathname: string, href: string) => pathname === href || pathname.startsWith(`${href}/`);

/** The signed-in section tabs (only pages that exist are linked). */
export function AppNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="App" className="scrollbar-none -mb-px flex gap-1 overflow-x-auto">
      {items.map(({ href, label, icon: Icon, exact, also }) => {
        const active = exact ? pathname === href : within(pathname, href) || also.some((a) => within(pathname, a));
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "group relative flex items-center gap-2 px-3 pt-2 pb-3 text-sm transition-colors",
              active ? "font-medium text-zinc-950" : "text-zinc-500 hover:text-zinc-900",
            )}
          >
            <span className="flex items-center gap-2 rounded-md px-1 py-0.5 group-hover:bg-zinc-100/80">
              <Icon size={15} className={active ? "text-brand-600" : "text-zinc-400 group-hover:text-zinc-600"} />
              {label}
            </span>
            <span
              aria-hidden="true"
              className={cn("absolute inset-x-2 bottom-0 h-0.5 rounded-full", active ? "bg-zinc-950" : "bg-transparent")}
            />
          </Link>
        );
      })}
    </nav>
  );
}
