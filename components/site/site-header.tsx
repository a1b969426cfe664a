import Link from "next/link";
import { ArrowRightIcon } from "@/components/icons";
import { Logo } from "@/components/logo";
import { ButtonLink } from "@/components/ui/button";

const links = [
  { href: "/#storyboards", label: "Storyboards" },
  { href: "/#api", label: "API" },
  { href: "/#pricing", label: "Credits & teams" },
  { href: "/docs", label: "Docs" },
];

export function SiteHeader({ signedIn }: { signedIn: boolean }) {
  return (
    <header className="sticky top-0 z-40 border-b border-zinc-200/70 bg-[var(--background)]/80 backdrop-blur-md supports-[backdrop-filter]:bg-[var(--background)]/70">
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-6 px-5 sm:px-6">
        <div className="flex items-center gap-8">
          <Logo />
          <nav aria-label="Main" className="hidden items-center gap-1 md:flex">
            {links.map((l) => (
              <Link
                key={l.href}
                href={l.href}
                className="rounded-md px-3 py-1.5 text-sm text-zinc-600 transition-colors hover:bg-zinc-100 hover:text-zinc-950"
              >
                {l.label}
              </Link>
            ))}
          </nav>
        </div>
        <div className="flex items-center gap-2">
          {signedIn ? (
            <ButtonLink href="/app" size="sm" variant="dark">
              Open app <ArrowRightIcon size={14} />
            </ButtonLink>
          ) : (
            <>
              <ButtonLink href="/sign-in" size="sm" variant="ghost">
                Sign in
              </ButtonLink>
              <ButtonLink href="/sign-in" size="sm" variant="dark" className="hidden sm:inline-flex">
                Get started
              </ButtonLink>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="border-t border-zinc-200/70">
      <div className="mx-auto flex max-w-6xl flex-col gap-4 px-5 py-10 text-sm text-zinc-500 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <div className="flex items-center gap-3">
          <Logo size={22} />
          <span className="hidden text-zinc-300 sm:inline">/</span>
          <span>Storyboards in, video out.</span>
        </div>
        <nav aria-label="Footer" className="flex flex-wrap gap-x-5 gap-y-2">
          <Link href="/#storyboards" className="hover:text-zinc-900">
            Storyboards
          </Link>
          <Link href="/#api" className="hover:text-zinc-900">
            API
          </Link>
          <Link href="/#pricing" className="hover:text-zinc-900">
            Credits &amp; teams
          </Link>
          <Link href="/docs" className="hover:text-zinc-900">
            API reference
          </Link>
          <Link href="/sign-in" className="hover:text-zinc-900">
            Sign in
          </Link>
        </nav>
      </div>
    </footer>
  );
}
