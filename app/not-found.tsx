import type { Metadata } from "next";
import { ArrowRightIcon } from "@/components/icons";
import { Logo } from "@/components/logo";
import { ButtonLink } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="relative flex min-h-dvh flex-col">
      <div aria-hidden="true" className="bg-grid pointer-events-none absolute inset-0 [mask-image:radial-gradient(ellipse_at_center,black,transparent_70%)]" />
      <header className="relative mx-auto flex w-full max-w-6xl items-center px-6 py-5">
        <Logo />
      </header>
      <main id="main" className="relative flex flex-1 items-center justify-center px-6 pb-24">
        <div className="text-center">
          <p className="font-mono text-sm font-medium text-brand-600">404 · scene not found</p>
          <h1 className="mt-3 text-3xl font-semibold tracking-tight text-zinc-950 sm:text-4xl">
            This frame isn&apos;t in the storyboard
          </h1>
          <p className="mx-auto mt-3 max-w-md text-zinc-600">
            The page you were looking for doesn&apos;t exist or has moved.
          </p>
          <div className="mt-8 flex flex-wrap justify-center gap-3">
            <ButtonLink href="/" variant="secondary">
              Back to home
            </ButtonLink>
            <ButtonLink href="/app">
              Open the app <ArrowRightIcon />
            </ButtonLink>
          </div>
        </div>
      </main>
    </div>
  );
}
