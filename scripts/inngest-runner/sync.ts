/**
 * Syncs the app the way Inngest does: `PUT <serve>` makes the SDK POST its function configs to
 * `<INNGEST_BASE_URL>/fn/register`. Retried every second until the app answers (it may start after
 * the runner); concurrent requests for a sync share one loop.
 */
import { signEmptyBody } from "@/lib/inngest/sync-signature";
import { errorMessage, type Logger } from "./log";

export class AppSync {
  private running: Promise<void> | undefined;
  private stopped = false;
  private everSynced = false;

  constructor(
    private readonly serveUrl: string | undefined,
    private readonly log: Logger,
    private readonly intervalMs = 1000,
    /** An app in cloud mode refuses an unsigned sync: the PUT is signed like every other call. */
    private readonly signingKey?: string,
  ) {}

  get synced(): boolean {
    return this.everSynced || !this.serveUrl;
  }

  request(): Promise<void> {
    this.running ??= this.loop().finally(() => (this.running = undefined));
    return this.running;
  }

  stop(): void {
    this.stopped = true;
  }

  private async loop(): Promise<void> {
    let said = false;
    while (this.serveUrl && !this.stopped) {
      const problem = await this.attempt(this.serveUrl);
      if (!problem) {
        this.everSynced = true;
        this.log.info({ url: this.serveUrl }, "app synced");
        return;
      }
      if (!said) this.log.warn({ url: this.serveUrl, problem }, "waiting for the app to sync (retrying every second)");
      said = true;
      await new Promise((r) => setTimeout(r, this.intervalMs));
    }
  }

  /** Undefined on success, else what went wrong. */
  private async attempt(url: string): Promise<string | undefined> {
    try {
      const headers: Record<string, string> = this.signingKey ? { "x-inngest-signature": signEmptyBody(this.signingKey) } : {};
      const res = await fetch(url, { method: "PUT", headers, signal: AbortSignal.timeout(30_000) });
      const text = await res.text();
      return res.ok ? undefined : `HTTP ${res.status}: ${text.slice(0, 300)}`;
    } catch (err) {
      return errorMessage((err as Error).cause ?? err);
    }
  }
}
