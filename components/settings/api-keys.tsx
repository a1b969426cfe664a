"use client";

import { useCallback, useEffect, useState } from "react";
import { api, errorMessage, type ApiKey, type CreatedApiKey, type Page, type Tier } from "@/components/api-client";
import { AlertIcon, KeyIcon, PlusIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { LoadErrorAlert } from "@/components/ui/load-error-alert";
import { Button } from "@/components/ui/button";
import { CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { CreateKeyDialog } from "./create-key-dialog";
import { KeyRow } from "./key-row";

type Load = { status: "loading" } | { status: "error"; message: string } | { status: "ready" };

function mergeKeys(a: ApiKey[], b: ApiKey[]): ApiKey[] {
  const seen = new Set(a.map((k) => k.id));
  return [...a, ...b.filter((k) => !seen.has(k.id))];
}

/** The API keys section: list (GET /v1/auth/keys, paginated), create, one-time reveal, rename, revoke. */
export function ApiKeys({ tier }: { tier: Tier }) {
  const [keys, setKeys] = useState<ApiKey[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [now] = useState(() => Date.now());

  const [createOpen, setCreateOpen] = useState(false);
  const [createKey, setCreateKey] = useState(0);
  const [revealed, setRevealed] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [revokePending, setRevokePending] = useState(false);
  const [revokeError, setRevokeError] = useState<string | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    api<Page<ApiKey>>("/v1/auth/keys", { signal: ctrl.signal })
      .then((page) => {
        setKeys(page.data);
        setCursor(page.next_cursor);
        setLoad({ status: "ready" });
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setLoad({ status: "error", message: errorMessage(err) });
      });
    return () => ctrl.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    setLoad({ status: "loading" });
    setAttempt((a) => a + 1);
  }, []);

  async function loadMore() {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api<Page<ApiKey>>(`/v1/auth/keys?cursor=${encodeURIComponent(cursor)}`);
      setKeys((prev) => mergeKeys(prev, page.data));
      setCursor(page.next_cursor);
    } catch (err) {
      setMoreError(errorMessage(err));
    } finally {
      setLoadingMore(false);
    }
  }

  function openCreate() {
    setCreateKey((k) => k + 1);
    setCreateOpen(true);
  }

  function onCreated(created: CreatedApiKey) {
    setCreateOpen(false);
    setKeys((prev) => mergeKeys([created.api_key], prev));
    setRevealed(created);
  }

  function onRenamed(updated: ApiKey) {
    setKeys((prev) => prev.map((k) => (k.id === updated.id ? updated : k)));
  }

  async function confirmRevoke() {
    if (!revoking) return;
    setRevokePending(true);
    setRevokeError(null);
    try {
      await api<void>(`/v1/auth/keys/${encodeURIComponent(revoking.id)}`, { method: "DELETE" });
      const revokedAt = new Date().toISOString();
      const id = revoking.id;
      setKeys((prev) => prev.map((k) => (k.id === id ? { ...k, revoked_at: k.revoked_at ?? revokedAt } : k)));
      if (revealed?.api_key.id === id) setRevealed(null);
      setRevoking(null);
    } catch (err) {
      setRevokeError(errorMessage(err));
    } finally {
      setRevokePending(false);
    }
  }

  return (
    <>
      <CardHeader
        titleId="api-keys-title"
        title="API keys"
        description={
          <>
            Authenticate API requests with <code className="font-mono text-[13px] text-zinc-700">Authorization: Bearer sk_live_…</code>.
            Treat keys like passwords.
          </>
        }
        action={
          <Button onClick={openCreate} size="sm">
            <PlusIcon size={15} /> Create key
          </Button>
        }
      />

      {revealed ? (
        <div className="px-5 pt-5 sm:px-6">
          <section
            aria-labelledby="new-key-title"
            className="animate-pop-in rounded-xl border border-emerald-200 bg-emerald-50/70 p-4 sm:p-5"
          >
            <h3 id="new-key-title" className="text-sm font-semibold text-emerald-900">
              “{revealed.api_key.name}” is ready
            </h3>
            <p className="mt-1 flex items-start gap-1.5 text-[13px] text-emerald-900/80">
              <AlertIcon size={14} className="mt-0.5 shrink-0 text-amber-600" />
              <span>
                Copy this key now and store it somewhere safe. <strong className="font-semibold">It won&apos;t be shown again</strong>
                {" "}— if you lose it, revoke it and create a new one.
              </span>
            </p>
            <div className="mt-3 flex flex-col gap-2 sm:flex-row">
              <label htmlFor="raw-key" className="sr-only">
                Your new API key
              </label>
              <input
                id="raw-key"
                data-testid="raw-key"
                readOnly
                value={revealed.raw_key}
                onFocus={(e) => e.currentTarget.select()}
                spellCheck={false}
                className="h-9 w-full min-w-0 rounded-lg sm:flex-1 border border-emerald-300 bg-white px-3 font-mono text-[13px] text-zinc-900 shadow-card focus:border-brand-500 focus:ring-3 focus:ring-brand-500/15 focus:outline-none"
              />
              <div className="flex gap-2">
                <CopyButton value={revealed.raw_key} label="Copy" size="md" />
                <Button variant="ghost" onClick={() => setRevealed(null)} className="text-emerald-900 hover:bg-emerald-100">
                  Done
                </Button>
              </div>
            </div>
          </section>
        </div>
      ) : null}

      <div className="mt-5 border-t border-zinc-100">
        {load.status === "loading" ? (
          <ul aria-busy="true" aria-label="Loading API keys" className="divide-y divide-zinc-100">
            {[0, 1].map((i) => (
              <li key={i} className="flex gap-3 px-5 py-4 sm:px-6">
                <Skeleton className="hidden h-9 w-9 rounded-lg sm:block" />
                <div className="flex-1 space-y-2">
                  <Skeleton className="h-4 w-40" />
                  <Skeleton className="h-3.5 w-72" />
                  <Skeleton className="h-4 w-24" />
                </div>
              </li>
            ))}
          </ul>
        ) : load.status === "error" ? (
          <div className="p-5 sm:p-6">
            <LoadErrorAlert title="Couldn't load your API keys" message={load.message} onRetry={retry} />
          </div>
        ) : keys.length === 0 ? (
          <div className="p-5 sm:p-6">
            <EmptyState
              icon={<KeyIcon size={18} />}
              title="No API keys yet"
              description="Create a key to call the Framecast API from scripts, CI or your own backend."
              action={
                <Button size="sm" variant="secondary" onClick={openCreate}>
                  <PlusIcon size={15} /> Create your first key
                </Button>
              }
            />
          </div>
        ) : (
          <>
            <ul aria-labelledby="api-keys-title" className="divide-y divide-zinc-100">
              {keys.map((k) => (
                <KeyRow key={k.id} apiKey={k} now={now} onRenamed={onRenamed} onRevoke={(key) => { setRevokeError(null); setRevoking(key); }} />
              ))}
            </ul>
            {cursor || moreError ? (
              <div className="flex flex-col items-center gap-2 border-t border-zinc-100 px-5 py-3">
                {moreError ? <p className="text-[13px] text-red-600">{moreError}</p> : null}
                {cursor ? (
                  <Button variant="ghost" size="sm" loading={loadingMore} onClick={loadMore}>
                    Load more
                  </Button>
                ) : null}
              </div>
            ) : null}
          </>
        )}
      </div>

      <CreateKeyDialog key={createKey} open={createOpen} tier={tier} onClose={() => setCreateOpen(false)} onCreated={onCreated} />

      <Dialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        dismissible={!revokePending}
        title="Revoke API key?"
        description={
          revoking ? (
            <>
              <span className="font-medium text-zinc-900">{revoking.name}</span> (
              <code className="font-mono text-[13px]">{revoking.key_prefix}…</code>) will stop working immediately. Any
              script or service using it will get <code className="font-mono text-[13px]">401 Unauthorized</code>. This
              can&apos;t be undone.
            </>
          ) : null
        }
        footer={
          <>
            <Button variant="secondary" onClick={() => setRevoking(null)} disabled={revokePending}>
              Cancel
            </Button>
            <Button variant="danger" onClick={confirmRevoke} loading={revokePending}>
              Revoke key
            </Button>
          </>
        }
      >
        {revokeError ? <Alert tone="error">{revokeError}</Alert> : null}
      </Dialog>
    </>
  );
}
