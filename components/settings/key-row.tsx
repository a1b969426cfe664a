"use client";

import { useState, type FormEvent } from "react";
import { api, errorMessage, type ApiKey } from "@/components/api-client";
import { formatDate, formatDateTime, formatRelative } from "@/components/format";
import { BanIcon, KeyIcon, PencilIcon } from "@/components/icons";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { keyStatus } from "./key-status";
import { scopeLabel } from "./scopes";

const statusBadge = {
  active: (
    <Badge tone="success" dot>
      Active
    </Badge>
  ),
  revoked: (
    <Badge tone="danger" dot>
      Revoked
    </Badge>
  ),
  expired: (
    <Badge tone="warning" dot>
      Expired
    </Badge>
  ),
};

/** One API key: name (renamable inline), prefix, scopes, dates, status and actions. */
export function KeyRow({
  apiKey,
  now,
  onRenamed,
  onRevoke,
}: {
  apiKey: ApiKey;
  now: number;
  onRenamed: (key: ApiKey) => void;
  onRevoke: (key: ApiKey) => void;
}) {
  const status = keyStatus(apiKey, now);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(apiKey.name);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function startEditing() {
    setDraft(apiKey.name);
    setError(null);
    setEditing(true);
  }

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const name = draft.trim();
    if (!name) {
      setError("The name can't be empty.");
      return;
    }
    if (name === apiKey.name) {
      setEditing(false);
      return;
    }
    setPending(true);
    setError(null);
    try {
      const updated = await api<ApiKey>(`/v1/auth/keys/${encodeURIComponent(apiKey.id)}`, {
        method: "PATCH",
        body: { name },
      });
      onRenamed(updated);
      setEditing(false);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setPending(false);
    }
  }

  const lastUsed = apiKey.last_used_at ? formatRelative(apiKey.last_used_at, now) : "Never";
  const expires = apiKey.expires_at
    ? status === "expired"
      ? `Expired ${formatDate(apiKey.expires_at)}`
      : `Expires ${formatDate(apiKey.expires_at)}`
    : "No expiry";

  return (
    <li
      data-testid="api-key-row"
      data-key-id={apiKey.id}
      aria-label={`API key ${apiKey.name}`}
      className={cn("flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-start sm:px-6", status !== "active" && "bg-zinc-50/60")}
    >
      <div
        aria-hidden="true"
        className={cn(
          "hidden h-9 w-9 shrink-0 items-center justify-center rounded-lg border sm:flex",
          status === "active" ? "border-zinc-200 bg-white text-zinc-600" : "border-zinc-200 bg-zinc-100 text-zinc-400",
        )}
      >
        <KeyIcon size={16} />
      </div>
      <div className="min-w-0 flex-1">
        {editing ? (
          <form onSubmit={save} className="flex flex-wrap items-center gap-2" aria-label={`Rename ${apiKey.name}`}>
            <Input
              aria-label="Key name"
              value={draft}
              maxLength={100}
              autoFocus
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Escape") {
                  e.preventDefault();
                  setEditing(false);
                  setError(null);
                }
              }}
              className="h-8 max-w-xs"
            />
            <Button type="submit" size="sm" loading={pending}>
              Save
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setEditing(false)} disabled={pending}>
              Cancel
            </Button>
          </form>
        ) : (
          <div className="flex flex-wrap items-center gap-2">
            <span className={cn("truncate font-medium", status === "active" ? "text-zinc-950" : "text-zinc-500")}>
              {apiKey.name}
            </span>
            {statusBadge[status]}
          </div>
        )}
        {error ? (
          <p role="alert" className="mt-1.5 text-[13px] text-red-600">
            {error}
          </p>
        ) : null}
        <div className="mt-1.5 flex flex-wrap items-center gap-x-4 gap-y-1 text-[13px] text-zinc-500">
          <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700">{apiKey.key_prefix}…</code>
          <span title={formatDateTime(apiKey.created_at)}>Created {formatDate(apiKey.created_at)}</span>
          <span title={apiKey.last_used_at ? formatDateTime(apiKey.last_used_at) : undefined}>Last used {lastUsed}</span>
          <span title={apiKey.expires_at ? formatDateTime(apiKey.expires_at) : undefined}>
            {status === "revoked" && apiKey.revoked_at ? `Revoked ${formatDate(apiKey.revoked_at)}` : expires}
          </span>
        </div>
        <ul className="mt-2.5 flex flex-wrap gap-1.5" aria-label="Scopes">
          {apiKey.scopes.map((s) => (
            <li key={s}>
              <span
                title={scopeLabel(s)}
                className={cn(
                  "inline-flex items-center rounded-md px-1.5 py-0.5 font-mono text-[11.5px] ring-1 ring-inset",
                  s === "*" ? "bg-brand-50 text-brand-700 ring-brand-200" : "bg-white text-zinc-600 ring-zinc-200",
                )}
              >
                {s === "*" ? "* full access" : s}
              </span>
            </li>
          ))}
        </ul>
      </div>
      {status === "active" && !editing ? (
        <div className="flex shrink-0 items-center gap-1 sm:pt-0.5">
          <Button size="sm" variant="ghost" onClick={startEditing} aria-label={`Rename ${apiKey.name}`}>
            <PencilIcon size={14} /> Rename
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => onRevoke(apiKey)}
            aria-label={`Revoke ${apiKey.name}`}
            className="text-red-600 hover:bg-red-50 hover:text-red-700"
          >
            <BanIcon size={14} /> Revoke
          </Button>
        </div>
      ) : null}
    </li>
  );
}
