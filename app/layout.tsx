import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
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
  themeColor: "#fafafa",
  colorScheme: "light",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-[var(--background)] antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow-pop"
        >
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
