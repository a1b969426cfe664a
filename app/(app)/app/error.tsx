"use client";

import { ErrorView } from "@/components/app/error-view";

/** Errors inside the signed-in shell (the header stays). */
export default function AppError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView {...props} />;
}
