import type { ReactNode } from "react";
import { Logo } from "@/components/logo";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="relative flex min-h-dvh flex-col">
      <div
        aria-hidden="true"
        className="bg-grid pointer-events-none absolute inset-0 [mask-image:radial-gradient(ellipse_60%_50%_at_50%_30%,black,transparent)]"
      />
      <div
        aria-hidden="true"
        className="pointer-events-none absolute top-0 left-1/2 h-[360px] w-[640px] -translate-x-1/2 rounded-full bg-brand-400/15 blur-3xl"
      />
      <header className="relative mx-auto flex w-full max-w-6xl items-center px-5 py-5 sm:px-6">
        <Logo />
      </header>
      <main id="main" className="relative flex flex-1 items-start justify-center px-5 pt-8 pb-20 sm:pt-16">
        {children}
      </main>
    </div>
  );
}
