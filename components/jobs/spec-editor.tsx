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

type Editor = ComponentType<SpecEditorProps & { ref?: Ref<SpecEditorHandle> }>;

/**
 * The storyboard editor: Monaco (YAML highlighting, completion and hover docs from the storyboard
 * JSON Schema, the validator's errors as squiggles), loaded after the page is interactive (it is
 * ~1 MB). Until it is ready — or if it cannot load — the plain text area stands in, with the
 * same text and the same handle.
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

  return Monaco ? <Monaco ref={inner} {...props} /> : <PlainSpecEditor ref={inner} {...props} />;
}
