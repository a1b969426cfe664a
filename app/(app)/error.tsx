"use client";

import { ErrorView } from "@/components/app/error-view";

/** Errors in the signed-in shell itself (e.g. the session could not be resolved). */
export default function ShellError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center">
      <ErrorView {...props} />
    </main>
  );
}
