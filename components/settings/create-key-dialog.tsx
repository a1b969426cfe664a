"use client";

import { useState, type FormEvent } from "react";
import { api, errorMessage, type CreatedApiKey, type Tier } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { scopesForTier } from "./scopes";

const EXPIRY = [
  { value: "never", label: "Never", days: null },
  { value: "30", label: "30 days", days: 30 },
  { value: "90", label: "90 days", days: 90 },
] as const;
type Expiry = (typeof EXPIRY)[number]["value"];

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

/**
 * "Create API key" modal: name, scopes and expiry → POST /v1/auth/keys.
 * The parent remounts it (via `key`) each time it opens, so the form starts empty.
 */
export function CreateKeyDialog({
  open,
  tier,
  onClose,
  onCreated,
}: {
  open: boolean;
  tier: Tier;
  onClose: () => void;
  onCreated: (created: CreatedApiKey) => void;
}) {
  const scopes = scopesForTier(tier);
  const [name, setName] = useState("");
  const [fullAccess, setFullAccess] = useState(true);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [expiry, setExpiry] = useState<Expiry>("never");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);

  function toggle(scope: string, on: boolean) {
    setError(null);
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError("Give the key a name so you can recognise it later.");
      return;
    }
    setNameError(null);
    if (!fullAccess && selected.size === 0) {
      setError("Choose at least one scope, or give the key full access.");
      return;
    }
    const days = EXPIRY.find((x) => x.value === expiry)?.days ?? null;
    const body: { name: string; scopes: string[]; expires_at?: string } = {
      name: trimmed,
      scopes: fullAccess ? ["*"] : scopes.map((s) => s.scope).filter((s) => selected.has(s)),
    };
    if (days) body.expires_at = daysFromNow(days);

    setPending(true);
    try {
      const created = await api<CreatedApiKey>("/v1/auth/keys", { method: "POST", body });
      setPending(false);
      onCreated(created);
    } catch (err) {
      setError(errorMessage(err));
      setPending(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      dismissible={!pending}
      title="Create API key"
      description="Keys authenticate requests to the Framecast REST API as you."
      onSubmit={onSubmit}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            Create key
          </Button>
        </>
      }
    >
      <div className="space-y-5">
        <Field id="key-name" label="Name" error={nameError} hint="For example the app or machine that will use it.">
          <Input
            id="key-name"
            name="name"
            autoFocus
            required
            maxLength={100}
            placeholder="e.g. CI pipeline"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? "key-name-error" : "key-name-hint"}
          />
        </Field>

        <fieldset>
          <legend className="text-[13px] font-medium text-zinc-800">Permissions</legend>
          <label
            className={cn(
              "mt-2 flex cursor-pointer items-start gap-3 rounded-lg border p-3 transition-colors",
              fullAccess ? "border-brand-300 bg-brand-50/50" : "border-zinc-200 hover:bg-zinc-50",
            )}
          >
            <input
              type="checkbox"
              name="full-access"
              value="*"
              checked={fullAccess}
              onChange={(e) => {
                setFullAccess(e.target.checked);
                setError(null);
              }}
              className="mt-0.5 h-4 w-4 rounded border-zinc-300 accent-brand-600"
            />
            <span>
              <span className="block text-sm font-medium text-zinc-900">
                Full access <span className="ml-1 font-mono text-xs font-normal text-zinc-500">*</span>
              </span>
              <span className="block text-[13px] text-zinc-500">
                {fullAccess
                  ? `Everything your account can do${tier === "starter" ? " as a Starter (generate, jobs, assets)" : ""}. Uncheck to pick individual scopes.`
                  : "Pick only what this key needs:"}
              </span>
            </span>
          </label>
          {fullAccess ? null : (
            <div className="mt-2 grid animate-fade-in gap-1 sm:grid-cols-2">
              {scopes.map((s) => {
                const id = `scope-${s.scope.replace(":", "-")}`;
                return (
                  <label
                    key={s.scope}
                    htmlFor={id}
                    className="flex cursor-pointer items-start gap-2.5 rounded-md px-2 py-1.5 hover:bg-zinc-50"
                  >
                    <input
                      id={id}
                      type="checkbox"
                      name="scopes"
                      value={s.scope}
                      checked={selected.has(s.scope)}
                      onChange={(e) => toggle(s.scope, e.target.checked)}
                      className="mt-0.5 h-4 w-4 rounded border-zinc-300 accent-brand-600"
                    />
                    <span className="min-w-0">
                      <span className="block font-mono text-[12.5px] text-zinc-900">{s.scope}</span>
                      <span className="block text-xs text-zinc-500">{s.description}</span>
                    </span>
                  </label>
                );
              })}
            </div>
          )}
        </fieldset>

        <fieldset>
          <legend className="text-[13px] font-medium text-zinc-800">Expiration</legend>
          <div className="mt-2 inline-grid grid-cols-3 rounded-lg bg-zinc-100 p-1 text-sm">
            {EXPIRY.map((x) => (
              <label
                key={x.value}
                className={cn(
                  "cursor-pointer rounded-md px-4 py-1.5 text-center font-medium transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500",
                  expiry === x.value ? "bg-white text-zinc-950 shadow-card" : "text-zinc-500 hover:text-zinc-800",
                )}
              >
                <input
                  type="radio"
                  name="expiry"
                  value={x.value}
                  checked={expiry === x.value}
                  onChange={() => setExpiry(x.value)}
                  className="sr-only"
                />
                {x.label}
              </label>
            ))}
          </div>
          <p className="mt-1.5 text-[13px] text-zinc-500">
            {expiry === "never"
              ? "The key works until you revoke it."
              : `The key stops working ${expiry} days after it is created.`}
          </p>
        </fieldset>

        {error ? <Alert tone="error">{error}</Alert> : null}
      </div>
    </Dialog>
  );
}
