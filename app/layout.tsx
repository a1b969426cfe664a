import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { Toaster } from "@/components/ui/toast";
import "./globals.css";

export const metadata: Metadata = {
  title: {
    default: "Framecast — storyboards in, video out",
    template: "%s · Framecast",
  },
  description:
    "Framecast turns a YAML or JSON storyboard — scenes, symbols, transitions and audio cues — into a rendered video. Write in the browser or call the REST API.",
  icons: { icon: [{ url: "/favicon.svg", type: "image/svg+xml" }] },
  applicationName: "Framecast",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
  colorScheme: "light dark",
};

/**
 * zod (in client bundles) probes `new Function("")` unless jitless; the CSP forbids eval, and even the
 * caught probe is reported as a violation. Set before any bundle runs.
 */
const ZOD_JITLESS = "globalThis.__zod_globalConfig=Object.assign(globalThis.__zod_globalConfig||{},{jitless:true})";

/**
 * Every page renders per request (reading the headers makes it dynamic): its scripts carry the nonce
 * of that request's CSP (proxy.ts), which a page prerendered at build time could not know.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en">
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: ZOD_JITLESS }} />
      </head>
      <body className="min-h-dvh bg-[var(--background)] antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow-pop"
        >
          Skip to content
        </a>
        {children}
        <Toaster />
      </body>
    </html>
  );
}
