"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, api, errorMessage, type User } from "@/components/api-client";
import { formatDate } from "@/components/format";
import { CheckIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { Avatar } from "@/components/ui/avatar";
import { TierBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CardFooter } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";

type FieldName = "name" | "avatar_url";

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

/** Profile: display name and avatar URL → PATCH /v1/account; email, plan and join date read-only. */
export function ProfileForm({ user }: { user: User }) {
  const router = useRouter();
  const [saved, setSaved] = useState({ name: user.name ?? "", avatar: user.avatar_url ?? "" });
  const [name, setName] = useState(saved.name);
  const [avatar, setAvatar] = useState(saved.avatar);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [success, setSuccess] = useState(false);

  const dirty = name.trim() !== saved.name || avatar.trim() !== saved.avatar;
  const previewUrl = isHttpUrl(avatar.trim()) ? avatar.trim() : null;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    setSuccess(false);
    const nextName = name.trim();
    const nextAvatar = avatar.trim();
    if (nextAvatar && !isHttpUrl(nextAvatar)) {
      setFieldErrors({ avatar_url: "Enter a full http(s) URL, e.g. https://example.com/me.png." });
      return;
    }
    setFieldErrors({});
    setPending(true);
    try {
      const updated = await api<User>("/v1/account", {
        method: "PATCH",
        body: { name: nextName || null, avatar_url: nextAvatar || null },
      });
      const next = { name: updated.name ?? "", avatar: updated.avatar_url ?? "" };
      setSaved(next);
      setName(next.name);
      setAvatar(next.avatar);
      setSuccess(true);
      router.refresh(); // the header shows the name and avatar too
    } catch (err) {
      if (err instanceof ApiError && err.code === "VALIDATION_ERROR") {
        const byField: Partial<Record<FieldName, string>> = {};
        const rest: string[] = [];
        for (const f of err.fieldErrors) {
          const key = f.path?.replace(/^body\./, "");
          if (key === "name" || key === "avatar_url") byField[key] = f.message;
          else rest.push(f.message);
        }
        setFieldErrors(byField);
        if (rest.length || Object.keys(byField).length === 0) setError(rest.join(" ") || err.message);
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="profile-title">
      <div className="space-y-6 px-5 py-5 sm:px-6">
        <div className="flex flex-wrap items-center gap-4 rounded-lg border border-zinc-100 bg-zinc-50/60 p-4">
          <Avatar email={user.email} name={name || null} src={previewUrl} size={48} />
          <div className="min-w-[10rem] flex-1">
            <p className="truncate font-medium text-zinc-950">{name.trim() || user.email.split("@")[0]}</p>
            <p className="truncate text-sm text-zinc-500">{user.email}</p>
          </div>
          <dl className="flex gap-6 text-sm">
            <div>
              <dt className="text-xs text-zinc-500">Plan</dt>
              <dd className="mt-0.5">
                <TierBadge tier={user.tier} />
              </dd>
            </div>
            <div>
              <dt className="text-xs text-zinc-500">Member since</dt>
              <dd className="mt-0.5 font-medium text-zinc-900">{formatDate(user.created_at)}</dd>
            </div>
          </dl>
        </div>

        <div className="grid gap-5 sm:grid-cols-2">
          <Field id="profile-name" label="Display name" error={fieldErrors.name} hint="Shown to teammates. Up to 100 characters.">
            <Input
              id="profile-name"
              name="name"
              autoComplete="name"
              maxLength={100}
              placeholder="Ada Lovelace"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setSuccess(false);
              }}
              aria-invalid={fieldErrors.name ? true : undefined}
              aria-describedby={fieldErrors.name ? "profile-name-error" : "profile-name-hint"}
            />
          </Field>
          <Field id="profile-email" label="Email" hint="Your sign-in address. It can't be changed here.">
            <Input id="profile-email" type="email" value={user.email} readOnly aria-describedby="profile-email-hint" />
          </Field>
          <Field
            id="profile-avatar"
            label="Avatar URL"
            error={fieldErrors.avatar_url}
            hint="A link to a square image (http or https). Leave empty to use your initials."
            className="sm:col-span-2"
          >
            <Input
              id="profile-avatar"
              name="avatar_url"
              type="url"
              inputMode="url"
              maxLength={2048}
              placeholder="https://example.com/avatar.png"
              value={avatar}
              onChange={(e) => {
                setAvatar(e.target.value);
                setSuccess(false);
              }}
              aria-invalid={fieldErrors.avatar_url ? true : undefined}
              aria-describedby={fieldErrors.avatar_url ? "profile-avatar-error" : "profile-avatar-hint"}
            />
          </Field>
        </div>
        {error ? <Alert tone="error">{error}</Alert> : null}
      </div>
      <CardFooter>
        <p className="text-[13px] text-zinc-500" aria-live="polite">
          {success ? (
            <span className="inline-flex items-center gap-1.5 font-medium text-emerald-700">
              <CheckIcon size={14} /> Profile saved
            </span>
          ) : dirty ? (
            "You have unsaved changes."
          ) : (
            "Clear a field and save to remove it."
          )}
        </p>
        <div className="flex gap-2">
          {dirty ? (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                setName(saved.name);
                setAvatar(saved.avatar);
                setFieldErrors({});
                setError(null);
              }}
              disabled={pending}
            >
              Discard
            </Button>
          ) : null}
          <Button type="submit" size="sm" loading={pending} disabled={!dirty}>
            Save changes
          </Button>
        </div>
      </CardFooter>
    </form>
  );
}
