"use client";

import { useEffect, useEffectEvent } from "react";

export interface Shortcuts {
  /** Ctrl/Cmd+S. */
  onSave?: () => void;
  /** Ctrl/Cmd+Enter. */
  onSubmit?: () => void;
}

/**
 * The editor's keyboard shortcuts, from a capture-phase keydown listener on the document: it runs
 * before the code editor (which would otherwise take Ctrl+Enter and the browser's Ctrl+S) sees the key.
 */
export function useShortcuts({ onSave, onSubmit }: Shortcuts): void {
  const handle = useEffectEvent((e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.isComposing) return;
    const key = e.key.toLowerCase();
    if (key === "s" && onSave) {
      e.preventDefault();
      e.stopPropagation();
      onSave();
    } else if (key === "enter" && onSubmit) {
      e.preventDefault();
      e.stopPropagation();
      onSubmit();
    }
  });

  useEffect(() => {
    const listener = (e: KeyboardEvent) => handle(e);
    document.addEventListener("keydown", listener, true);
    return () => document.removeEventListener("keydown", listener, true);
  }, []);
}
