"use client";

import { useEffect, useImperativeHandle, useRef, useState, type ComponentType, type Ref } from "react";
import type { StoryboardIssue } from "./types";
import { PlainSpecEditor } from "./spec-editor-plain";

export interface SpecEditorHandle {
  /** Focuses the editor and selects from line:column to the end of that line. */
  jumpTo: (line: number, column?: number) => void;
  /** Scrolls back to the first line (after the text was replaced wholesale). */
  scrollToTop: () => void;
}

export interface SpecEditorProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  onDropFile?: (file: File) => void;
  errorLines?: ReadonlySet<number>;
  warningLines?: ReadonlySet<number>;
  /** Positioned issues from the validator, drawn as squiggles (Monaco). */
  issues?: readonly (StoryboardIssue & { severity: "error" | "warning" })[];
  invalid?: boolean;
  describedBy?: string;
  label: string;
}

/** The id of the keyboard hint under the editor (Monaco's Esc moves focus there). */
export const keysHintId = (editorId: string) => `${editorId}-keys`;

type Editor = ComponentType<SpecEditorProps & { ref?: Ref<SpecEditorHandle> }>;

/**
 * The storyboard editor: Monaco (YAML highlighting, completion and hover docs from the storyboard
 * JSON Schema, the validator's errors as squiggles), loaded after the page is interactive (it is
 * ~1 MB). Until it is ready — or if it cannot load — the plain text area stands in, with the
 * same text and the same handle. Under it, a hint (read with the editor, through aria-describedby)
 * says how to leave it with the keyboard: Tab indents there, so Esc then Tab leaves; in Monaco,
 * Ctrl+M (Ctrl+Shift+M on a Mac) switches Tab to moving focus.
 */
export function SpecEditor({ ref, ...props }: SpecEditorProps & { ref?: Ref<SpecEditorHandle> }) {
  const [Monaco, setMonaco] = useState<Editor | null>(null);
  const inner = useRef<SpecEditorHandle>(null);

  useEffect(() => {
    let live = true;
    import("./spec-editor-monaco")
      .then((m) => live && setMonaco(() => m.MonacoSpecEditor))
      .catch(() => undefined); // the plain editor stays
    return () => {
      live = false;
    };
  }, []);

  useImperativeHandle(ref, () => ({
    jumpTo: (line, column) => inner.current?.jumpTo(line, column),
    scrollToTop: () => inner.current?.scrollToTop(),
  }));

  const hintId = keysHintId(props.id);
  const editorProps = { ...props, describedBy: [props.describedBy, hintId].filter(Boolean).join(" ") };
  return (
    <div>
      {Monaco ? <Monaco ref={inner} {...editorProps} /> : <PlainSpecEditor ref={inner} {...editorProps} />}
      <KeysHint id={hintId} monaco={Boolean(Monaco)} />
    </div>
  );
}

function KeysHint({ id, monaco }: { id: string; monaco: boolean }) {
  // Only rendered once Monaco has loaded (in the browser, after hydration): navigator is there.
  const mac = monaco && /Mac|iPhone|iPad/.test(navigator.platform);
  const key = "rounded border border-zinc-300 px-1 font-sans text-[11px] font-medium";
  return (
    <p id={id} tabIndex={-1} data-testid="spec-editor-keys" className="mt-1.5 rounded text-xs text-zinc-600 outline-none focus-visible:ring-3 focus-visible:ring-brand-500/25">
      Keyboard: Tab indents; <kbd className={key}>Esc</kbd> then <kbd className={key}>Tab</kbd> leaves the editor
      {monaco && (
        <>
          , or <kbd className={key}>{mac ? "Ctrl+Shift+M" : "Ctrl+M"}</kbd> makes Tab move focus (press again to indent)
        </>
      )}
      .
    </p>
  );
}
