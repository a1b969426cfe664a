"use client";

import { useEffect } from "react";
import { AlertIcon, RefreshIcon } from "@/components/icons";
import { Button, ButtonLink } from "@/components/ui/button";

export function ErrorView({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    // Surfaced in the browser console for debugging; the server logs carry the digest.
    console.error(error);
  }, [error]);

  return (
    <div role="alert" className="mx-auto flex max-w-md flex-col items-center px-6 py-16 text-center">
      <div className="flex h-11 w-11 items-center justify-center rounded-full bg-red-50 text-red-600 ring-1 ring-red-100">
        <AlertIcon size={20} />
      </div>
      <h1 className="mt-4 text-lg font-semibold text-zinc-950">Something went wrong</h1>
      <p className="mt-1.5 text-sm text-zinc-500">
        This page couldn&apos;t be loaded. It&apos;s probably temporary — try again in a moment.
      </p>
      {error.digest ? <p className="mt-3 font-mono text-xs text-zinc-400">Reference: {error.digest}</p> : null}
      <div className="mt-6 flex gap-2">
        <Button onClick={reset}>
          <RefreshIcon size={15} /> Try again
        </Button>
        <ButtonLink href="/" variant="secondary">
          Go home
        </ButtonLink>
      </div>
    </div>
  );
}
