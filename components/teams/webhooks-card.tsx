"use client";

import { useEffect, useState, type FormEvent } from "react";
import { api, errorMessage, type Page } from "@/components/api-client";
import { ZapIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Input } from "@/components/ui/input";
import { useAction } from "./use-action";

const EVENTS = ["job.queued", "job.started", "job.progress", "job.completed", "job.failed", "job.canceled"] as const;

interface Webhook {
  id: string;
  url: string;
  events: string[];
  is_active: boolean;
  last_triggered_at: string | null;
}

interface Delivery {
  id: string;
  event_type: string;
  status: "pending" | "retrying" | "delivered" | "failed";
  attempts: number;
  response_status: number | null;
  next_retry_at: string | null;
  created_at: string;
}

const TONE = { delivered: "success", failed: "danger", retrying: "warning", pending: "neutral" } as const;

/** Team webhooks (owners and admins): add, test, rotate, pause, delete; recent deliveries with retry. */
export function WebhooksCard({ teamId }: { teamId: string }) {
  const [hooks, setHooks] = useState<Webhook[] | null>(null);
  const [version, setVersion] = useState(0);
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>(["job.completed", "job.failed"]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const reload = () => setVersion((v) => v + 1);

  useEffect(() => {
    const ctrl = new AbortController();
    api<Page<Webhook>>(`/v1/teams/${teamId}/webhooks?limit=100`, { signal: ctrl.signal })
      .then((p) => setHooks(p.data))
      .catch((err: unknown) => !ctrl.signal.aborted && setLoadError(errorMessage(err)));
    return () => ctrl.abort();
  }, [teamId, version]);

  const action = useAction<"add" | "row">();

  /** An action on a webhook; a new secret (create, rotate) is shown once. */
  async function run(request: () => Promise<unknown>, key: "add" | "row" = "row") {
    const res = await action.run(key, request);
    if (!res) return false;
    if (res.value && typeof res.value === "object" && "secret" in res.value) setSecret((res.value as { secret: string }).secret);
    reload();
    return true;
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    if (await run(() => api(`/v1/teams/${teamId}/webhooks`, { method: "POST", body: { url: url.trim(), events } }), "add")) setUrl("");
  }

  return (
    <Card className="overflow-hidden" data-testid="webhooks">
      <CardHeader title="Webhooks" description="Signed POSTs to your server as the team's renders progress." icon={<ZapIcon size={16} />} />
      <CardContent className="space-y-3 text-sm">
        <form onSubmit={add} className="space-y-2">
          <label htmlFor="webhook-url" className="sr-only">
            Webhook URL
          </label>
          <div className="flex gap-2">
            <Input id="webhook-url" type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/hooks/framecast" />
            <Button type="submit" loading={action.busy === "add"} disabled={!url.trim() || events.length === 0}>
              Add
            </Button>
          </div>
          <fieldset className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600">
            <legend className="sr-only">Events</legend>
            {EVENTS.map((ev) => (
              <label key={ev} className="flex items-center gap-1.5">
                <input
                  type="checkbox"
                  className="accent-brand-600"
                  checked={events.includes(ev)}
                  onChange={(e) => setEvents((cur) => (e.target.checked ? [...cur, ev] : cur.filter((x) => x !== ev)))}
                />
                <span className="font-mono">{ev}</span>
              </label>
            ))}
          </fieldset>
        </form>
        {action.error ?? loadError ? <Alert tone="error">{action.error ?? loadError}</Alert> : null}
        {secret ? (
          <Alert tone="success" title="Signing secret (shown once)">
            <p className="break-all font-mono text-xs" data-testid="webhook-secret">
              {secret}
            </p>
            <p className="mt-1">
              Check <code className="font-mono text-xs">X-Webhook-Signature</code> = <code className="font-mono text-xs">sha256=</code>HMAC-SHA256 of{" "}
              <code className="font-mono text-xs">&lt;X-Webhook-Timestamp&gt;.&lt;raw body&gt;</code> with it, and reject timestamps older than 5 minutes.
            </p>
            <CopyButton value={secret} label="Copy secret" className="mt-2" />
          </Alert>
        ) : null}
      </CardContent>
      {hooks?.length ? (
        <ul className="divide-y divide-zinc-100 border-t border-zinc-100" aria-label="Webhooks">
          {hooks.map((h) => (
            <WebhookRow key={h.id} hook={h} run={run} version={version} />
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

function WebhookRow({ hook, run, version }: { hook: Webhook; run: (r: () => Promise<unknown>) => Promise<boolean>; version: number }) {
  const [deliveries, setDeliveries] = useState<Delivery[]>([]);

  useEffect(() => {
    const ctrl = new AbortController();
    api<Page<Delivery>>(`/v1/webhooks/${hook.id}/deliveries?limit=5`, { signal: ctrl.signal })
      .then((p) => setDeliveries(p.data))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [hook.id, version]);

  return (
    <li className="space-y-2 px-5 py-3 text-sm" data-testid="webhook-row">
      <div className="flex flex-wrap items-center gap-2">
        <p className="min-w-0 flex-1 truncate font-mono text-xs text-zinc-800" title={hook.url}>
          {hook.url}
        </p>
        <Badge tone={hook.is_active ? "success" : "neutral"}>{hook.is_active ? "active" : "paused"}</Badge>
        <Button size="sm" variant="secondary" onClick={() => void run(() => api(`/v1/webhooks/${hook.id}/test`, { method: "POST" }))}>
          Send test
        </Button>
        <Button size="sm" variant="ghost" onClick={() => void run(() => api(`/v1/webhooks/${hook.id}`, { method: "PATCH", body: { is_active: !hook.is_active } }))}>
          {hook.is_active ? "Pause" : "Resume"}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => void run(() => api(`/v1/webhooks/${hook.id}/rotate-secret`, { method: "POST" }))}>
          Rotate secret
        </Button>
        <Button size="sm" variant="ghost" onClick={() => void run(() => api(`/v1/webhooks/${hook.id}`, { method: "DELETE" }))}>
          Delete
        </Button>
      </div>
      <p className="text-xs text-zinc-500">{hook.events.join(", ")}</p>
      {deliveries.length ? (
        <ul className="space-y-1 rounded-md bg-zinc-50 px-3 py-2 text-xs" aria-label="Recent deliveries">
          {deliveries.map((d) => (
            <li key={d.id} className="flex items-center gap-2" data-testid="delivery-row">
              <Badge tone={TONE[d.status]}>{d.status}</Badge>
              <span className="font-mono">{d.event_type}</span>
              <span className="text-zinc-500">
                {d.response_status ? `HTTP ${d.response_status}` : "no answer"} · {d.attempts} attempt{d.attempts === 1 ? "" : "s"}
                {d.next_retry_at ? ` · next ${new Date(d.next_retry_at).toLocaleTimeString()}` : ""}
              </span>
              {d.status === "failed" ? (
                <Button size="sm" variant="ghost" className="ml-auto" onClick={() => void run(() => api(`/v1/webhook-deliveries/${d.id}/retry`, { method: "POST" }))}>
                  Retry
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
