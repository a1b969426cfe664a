import type { ReactNode } from "react";
import { SiteFooter, SiteHeader } from "@/components/site/site-header";
import { currentUserOrNull } from "@/components/session";

export default async function SiteLayout({ children }: { children: ReactNode }) {
  const user = await currentUserOrNull();
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader signedIn={Boolean(user)} />
      <main id="main" className="flex-1">
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}
