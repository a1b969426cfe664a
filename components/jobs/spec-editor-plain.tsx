"use client";

import { useImperativeHandle, useMemo, useRef, type KeyboardEvent, type Ref } from "react";
import { cn } from "@/components/ui/cn";
import { useFileDrop } from "./drop-overlay";
import type { SpecEditorHandle, SpecEditorProps } from "./spec-editor";

const LINE_HEIGHT = 20; // px; the gutter and the textarea share it (leading-5)
const INDENT = "  ";

/**
 * The plain storyboard text area, shown while Monaco loads (and if it cannot): monospace, no
 * wrapping, a line-number gutter that marks lines with errors (red) and warnings (amber), Tab to
 * indent (Escape first to move focus on), and files dropped onto it are loaded.
 */
export function PlainSpecEditor({
  ref,
  id,
  value,
  onChange,
  onDropFile,
  errorLines,
  warningLines,
  invalid,
  describedBy,
  label,
}: SpecEditorProps & { ref?: Ref<SpecEditorHandle> }) {
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const gutterRef = useRef<HTMLDivElement>(null);
  const escapedRef = useRef(false);
  const drop = useFileDrop(onDropFile);

  const lineCount = useMemo(() => value.split("\n").length, [value]);

  useImperativeHandle(ref, () => ({
    jumpTo(line: number, column = 1) {
      const el = areaRef.current;
      if (!el) return;
      const lines = el.value.split("\n");
      const target = Math.min(Math.max(1, line), lines.length);
      let start = 0;
      for (let i = 0; i < target - 1; i++) start += lines[i]!.length + 1;
      const lineText = lines[target - 1] ?? "";
      const from = start + Math.min(Math.max(0, column - 1), lineText.length);
      el.focus();
      el.setSelectionRange(from, start + lineText.length);
      el.scrollTop = Math.max(0, (target - 1) * LINE_HEIGHT - el.clientHeight / 3);
    },
    scrollToTop() {
      const el = areaRef.current;
      if (el) el.scrollTo({ top: 0, left: 0 }); // the scroll event moves the gutter too
    },
  }));

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Escape") {
      escapedRef.current = true;
      return;
    }
    if (e.key === "Tab" && !e.shiftKey && !e.metaKey && !e.ctrlKey && !e.altKey && !escapedRef.current) {
      e.preventDefault();
      // execCommand keeps the browser's undo history; fall back to setRangeText.
      if (!document.execCommand?.("insertText", false, INDENT)) {
        const el = e.currentTarget;
        el.setRangeText(INDENT, el.selectionStart, el.selectionEnd, "end");
        onChange(el.value);
      }
      return;
    }
    escapedRef.current = false;
  }


  return (
    <div
      className={cn(
        "relative flex h-[min(62vh,560px)] min-h-80 overflow-hidden rounded-lg border bg-zinc-950 shadow-card transition-colors",
        invalid ? "border-red-400" : "border-zinc-800",
        "focus-within:ring-3 focus-within:ring-brand-500/25",
      )}
      {...drop.handlers}
    >
      <div
        aria-hidden="true"
        className="w-12 shrink-0 overflow-hidden border-r border-white/5 bg-white/[0.03] py-3 text-right font-mono text-[12px] leading-5 text-zinc-500 select-none"
      >
        <div ref={gutterRef}>
          {Array.from({ length: lineCount }, (_, i) => {
            const n = i + 1;
            const err = errorLines?.has(n);
            const warn = !err && warningLines?.has(n);
            return (
              <div
                key={n}
                className={cn(
                  "relative pr-2.5 tabular-nums",
                  err && "bg-red-500/15 font-semibold text-red-400",
                  warn && "bg-amber-400/10 text-amber-300",
                )}
              >
                {err || warn ? (
                  <span className={cn("absolute top-1/2 left-1.5 h-1.5 w-1.5 -translate-y-1/2 rounded-full", err ? "bg-red-400" : "bg-amber-300")} />
                ) : null}
                {n}
              </div>
            );
          })}
        </div>
      </div>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <textarea
        ref={areaRef}
        id={id}
        data-testid="spec-editor"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        onScroll={(e) => {
          if (gutterRef.current) gutterRef.current.style.transform = `translateY(${-e.currentTarget.scrollTop}px)`;
        }}
        wrap="off"
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className="min-w-0 flex-1 resize-none overflow-auto bg-transparent px-4 py-3 font-mono text-[13px] leading-5 whitespace-pre text-zinc-100 caret-brand-300 outline-none selection:bg-brand-500/40 focus:outline-none focus-visible:outline-none"
      />
      {drop.overlay}
    </div>
  );
}
