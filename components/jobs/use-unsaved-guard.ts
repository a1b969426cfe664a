"use client";

import { useEffect, useRef } from "react";

export const UNSAVED_MESSAGE = "You have unsaved changes to this storyboard. Leave without saving?";

/** A same-tab, same-origin link that would navigate away from this page. */
function leavingLink(e: MouseEvent): HTMLAnchorElement | null {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return null;
  const a = (e.target as Element | null)?.closest?.("a[href]");
  if (!(a instanceof HTMLAnchorElement) || (a.target && a.target !== "_self") || a.hasAttribute("download")) return null;
  const url = new URL(a.href, window.location.href);
  if (url.origin !== window.location.origin) return null;
  const here = window.location;
  return url.pathname === here.pathname && url.search === here.search ? null : a;
}

/**
 * While `dirty`, leaving asks first: closing or reloading the tab (beforeunload) and following an
 * in-app link (a capture-phase click listener, ahead of Next's <Link> handler). Returns a function
 * that lifts the guard for a navigation the page itself starts (e.g. after rendering).
 */
export function useUnsavedGuard(dirty: boolean): () => void {
  const released = useRef(false);

  useEffect(() => {
    released.current = false;
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (released.current) return;
      e.preventDefault();
      e.returnValue = ""; // older browsers need it set to show the prompt
    };
    const onClick = (e: MouseEvent) => {
      if (released.current || !leavingLink(e)) return;
      if (!window.confirm(UNSAVED_MESSAGE)) {
        e.preventDefault();
        e.stopPropagation();
      } else {
        released.current = true;
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);

  return () => {
    released.current = true;
  };
}
