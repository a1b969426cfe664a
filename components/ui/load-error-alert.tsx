import { RefreshIcon } from "@/components/icons";
import { Alert } from "./alert";
import { Button } from "./button";

/** "Couldn't load X" with the reason and a Retry button — the one shape every list and page uses. */
export function LoadErrorAlert({ title, message, onRetry }: { title: string; message: string; onRetry: () => void }) {
  return (
    <Alert tone="error" title={title}>
      <p>{message}</p>
      <Button size="sm" variant="secondary" className="mt-3" onClick={onRetry}>
        <RefreshIcon size={14} /> Retry
      </Button>
    </Alert>
  );
}
