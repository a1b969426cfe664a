"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { api, errorMessage } from "@/components/api-client";
import { ChevronDownIcon, DashboardIcon, LoaderIcon, LogOutIcon, SettingsIcon } from "@/components/icons";
import { Avatar } from "@/components/ui/avatar";
import { TierBadge } from "@/components/ui/badge";

const menuItems = (menu: HTMLElement | null) => Array.from(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)') ?? []);

function focusMenuEdge(menu: HTMLElement | null, edge: "first" | "last") {
  const list = menuItems(menu);
  (edge === "first" ? list[0] : list[list.length - 1])?.focus();
}

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
  const menuRef = useRef<HTMLDivElement>(null);
  const focusOnOpen = useRef<"first" | "last" | null>(null);

  const items = () => menuItems(menuRef.current);
  const focusEdge = (edge: "first" | "last") => focusMenuEdge(menuRef.current, edge);

  useEffect(() => {
    if (!open || !focusOnOpen.current) return;
    focusMenuEdge(menuRef.current, focusOnOpen.current);
    focusOnOpen.current = null;
  }, [open]);

  /** The button: Enter/Space click it; ArrowDown/ArrowUp open the menu on the first/last item. */
  function onButtonKey(e: ReactKeyboardEvent) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    const edge = e.key === "ArrowDown" ? "first" : "last";
    if (open) return focusEdge(edge);
    focusOnOpen.current = edge;
    setOpen(true);
  }

  /** Inside the menu: arrows move (wrapping), Home/End jump, Tab closes it. */
  function onMenuKey(e: ReactKeyboardEvent) {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => {
      e.preventDefault();
      list[(i + list.length) % list.length]?.focus();
    };
    if (e.key === "ArrowDown") go(at + 1);
    else if (e.key === "ArrowUp") go(at < 0 ? -1 : at - 1);
    else if (e.key === "Home") go(0);
    else if (e.key === "End") go(-1);
    else if (e.key === "Tab") setOpen(false);
  }

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
        onKeyDown={onButtonKey}
        className="flex items-center gap-1.5 rounded-full p-0.5 pr-1.5 transition-colors hover:bg-zinc-100"
      >
        <Avatar email={email} name={name} src={avatarUrl} size={30} />
        <ChevronDownIcon size={14} className="text-zinc-400" />
      </button>
      {open ? (
        <div
          id={menuId}
          ref={menuRef}
          role="menu"
          onKeyDown={onMenuKey}
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
          <Link href="/app" role="menuitem" tabIndex={-1} className={itemClass} onClick={() => setOpen(false)}>
            <DashboardIcon className="text-zinc-400" /> Dashboard
          </Link>
          <Link href="/app/settings" role="menuitem" tabIndex={-1} className={itemClass} onClick={() => setOpen(false)}>
            <SettingsIcon className="text-zinc-400" /> Settings
          </Link>
          <div className="my-1 h-px bg-zinc-100" />
          <button type="button" role="menuitem" tabIndex={-1} className={itemClass} onClick={signOut} disabled={signingOut}>
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
