"use client";

import { useState, type DragEvent } from "react";

/** Shown over the storyboard editor while a file is dragged onto it. */
function DropOverlay() {
  return (
    <div className="pointer-events-none absolute inset-0 flex items-center justify-center rounded-lg border-2 border-dashed border-brand-400 bg-brand-950/70 text-sm font-medium text-white">
      Drop a .yaml, .yml or .json file to load it
    </div>
  );
}

/**
 * Dropping a file onto an editor loads it (both storyboard editors): spread `handlers` on the
 * editor's box and render `overlay` inside it. Capture phase, so the editor itself (Monaco inserts
 * dropped text) never sees the file.
 */
export function useFileDrop(onDropFile: ((file: File) => void) | undefined) {
  const [dragging, setDragging] = useState(false);
  const handlers = {
    onDragOverCapture(e: DragEvent<HTMLDivElement>) {
      if (!onDropFile || !e.dataTransfer.types.includes("Files")) return;
      e.preventDefault();
      setDragging(true);
    },
    onDragLeave() {
      setDragging(false);
    },
    onDropCapture(e: DragEvent<HTMLDivElement>) {
      setDragging(false);
      const file = e.dataTransfer.files?.[0];
      if (!file || !onDropFile) return;
      e.preventDefault();
      e.stopPropagation();
      onDropFile(file);
    },
  };
  return { handlers, overlay: dragging ? <DropOverlay /> : null };
}
