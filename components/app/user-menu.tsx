"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "@/components/api-client";
import { ChevronDownIcon, DashboardIcon, LoaderIcon, LogOutIcon, SettingsIcon } from "@/components/icons";
import { Avatar } from "@/components/ui/avatar";
import { TierBadge } from "@/components/ui/badge";

/** Avatar button with a small account menu (profile summary, navigation, sign out). */
export function UserMenu({
  email,
  name,
  avatarUrl,
  tier,
}: {
  email: string;
  name: string | null;
  avatarUrl: string | null;
  tier: "starter" | "creator";
}) {
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    function onPointer(e: PointerEvent) {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    }
    function onKey(e: KeyboardEvent) {
      if (e.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    }
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  async function signOut() {
    setSigningOut(true);
    setError(null);
    try {
      await api("/api/auth/sign-out", { method: "POST" });
      // A full page load, so no signed-in page survives in the client router cache.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/");
    } catch (err) {
      setError(errorMessage(err));
      setSigningOut(false);
    }
  }

  const itemClass =
    "flex w-full items-center gap-2.5 rounded-md px-2.5 py-2 text-left text-sm text-zinc-700 hover:bg-zinc-100 hover:text-zinc-950 focus-visible:bg-zinc-100 focus-visible:outline-none";

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={`Account menu for ${email}`}
        onClick={() => setOpen((o) => !o)}
        className="flex items-center gap-1.5 rounded-full p-0.5 pr-1.5 transition-colors hover:bg-zinc-100"
      >
        <Avatar email={email} name={name} src={avatarUrl} size={30} />
        <ChevronDownIcon size={14} className="text-zinc-400" />
      </button>
      {open ? (
        <div
          id={menuId}
          role="menu"
          aria-label="Account"
          className="absolute right-0 z-50 mt-2 w-64 origin-top-right animate-pop-in rounded-xl border border-zinc-200 bg-white p-1.5 shadow-pop"
        >
          <div className="flex items-center gap-3 px-2.5 py-2.5">
            <Avatar email={email} name={name} src={avatarUrl} size={36} />
            <div className="min-w-0">
              {name ? <p className="truncate text-sm font-medium text-zinc-950">{name}</p> : null}
              <p className={name ? "truncate text-xs text-zinc-500" : "truncate text-sm font-medium text-zinc-950"}>
                {email}
              </p>
            </div>
          </div>
          <div className="px-2.5 pb-2">
            <TierBadge tier={tier} />
          </div>
          <div className="my-1 h-px bg-zinc-100" />
          <Link href="/app" role="menuitem" className={itemClass} onClick={() => setOpen(false)}>
            <DashboardIcon className="text-zinc-400" /> Dashboard
          </Link>
          <Link href="/app/settings" role="menuitem" className={itemClass} onClick={() => setOpen(false)}>
            <SettingsIcon className="text-zinc-400" /> Settings
          </Link>
          <div className="my-1 h-px bg-zinc-100" />
          <button type="button" role="menuitem" className={itemClass} onClick={signOut} disabled={signingOut}>
            {signingOut ? (
              <LoaderIcon className="animate-spin text-zinc-400" />
            ) : (
              <LogOutIcon className="text-zinc-400" />
            )}
            {signingOut ? "Signing out…" : "Sign out"}
          </button>
          {error ? <p className="px-2.5 pt-1 pb-2 text-xs text-red-600">{error}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
