"use client";

import Editor, { loader, type OnMount } from "@monaco-editor/react";
import * as monaco from "monaco-editor/esm/vs/editor/editor.api";
import "./monaco/features";
import "monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution";
import { configureMonacoYaml } from "monaco-yaml";
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from "react";
import { cn } from "@/components/ui/cn";
import { useFileDrop } from "./drop-overlay";
import { keysHintId, type SpecEditorHandle, type SpecEditorProps } from "./spec-editor";

/**
 * Monaco pinned at 0.52.2 with monaco-yaml 5.5.1, all served from our own bundle (no CDN): 0.57
 * needs a bundler alias and a createWebWorker adapter for monaco-yaml, 0.52 needs neither. Only the
 * editor contributions in ./monaco/features and the YAML language load (JSON is YAML to it).
 */
declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
    /** For the browser tests (and the curious): the editor API, as the Monaco playground exposes it. */
    monaco?: typeof monaco;
  }
}

window.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string) {
    if (label === "yaml") return new Worker(new URL("./monaco/yaml.worker.ts", import.meta.url), { type: "module", name: "yaml" });
    return new Worker(new URL("./monaco/editor.worker.ts", import.meta.url), { type: "module", name: label });
  },
};
loader.config({ monaco });
window.monaco = monaco;

const MODEL_URI = "file:///storyboard.yaml";
const SCHEMA_URI = "https://framecast.dev/v1/spec/schema.json";
/** Completion and hover come from the schema; validation is ours (the server's validator). */
const yaml = configureMonacoYaml(monaco, { enableSchemaRequest: false, hover: true, completion: true, validate: false, schemas: [] });
let schemaLoaded: Promise<void> | null = null;

function loadSchema() {
  schemaLoaded ??= fetch("/v1/spec/schema.json")
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
    .then((schema: object) => yaml.update({ schemas: [{ uri: SCHEMA_URI, fileMatch: [MODEL_URI], schema: schema as never }] }))
    .catch(() => {
      schemaLoaded = null; // completion stays word-based; try again on the next mount
    });
  return schemaLoaded;
}

/** Esc leaves the editor — unless it is closing one of Monaco's own widgets or a selection first. */
const ESC_LEAVES_WHEN = [
  "editorTextFocus",
  "!suggestWidgetVisible",
  "!editorHoverVisible",
  "!findWidgetVisible",
  "!markersNavigationVisible",
  "!parameterHintsVisible",
  "!inSnippetMode",
  "!editorHasSelection",
  "!editorHasMultipleSelections",
].join(" && ");

export function MonacoSpecEditor({
  ref,
  id,
  value,
  onChange,
  onDropFile,
  issues,
  invalid,
  describedBy,
  label,
}: SpecEditorProps & { ref?: Ref<SpecEditorHandle> }) {
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const [mounted, setMounted] = useState(false);
  const drop = useFileDrop(onDropFile);

  useImperativeHandle(ref, () => ({
    jumpTo(line, column = 1) {
      const ed = editorRef.current;
      const model = ed?.getModel();
      if (!ed || !model) return;
      const target = Math.min(Math.max(1, line), model.getLineCount());
      ed.setSelection(new monaco.Selection(target, Math.max(1, column), target, model.getLineMaxColumn(target)));
      ed.revealLineInCenter(target);
      ed.focus();
    },
    scrollToTop() {
      editorRef.current?.setScrollPosition({ scrollTop: 0, scrollLeft: 0 });
    },
  }));

  // The validator's positioned issues as squiggles, to the end of the line they start on.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const markers = (issues ?? []).flatMap((i) => {
      if (!i.line || i.line > model.getLineCount()) return [];
      const column = Math.max(1, i.column ?? 1);
      return [
        {
          severity: i.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
          message: `${i.message}${i.path ? ` (${i.path})` : ""}`,
          startLineNumber: i.line,
          startColumn: column,
          endLineNumber: i.line,
          endColumn: Math.max(column + 1, model.getLineMaxColumn(i.line)),
          source: "Framecast",
        },
      ];
    });
    monaco.editor.setModelMarkers(model, "framecast", markers);
  }, [issues, mounted, value]);

  const onMount: OnMount = (ed) => {
    editorRef.current = ed;
    // Screen readers hear the keyboard hint (and the validation status) after the editor's name.
    if (describedBy) ed.getDomNode()?.querySelector("textarea")?.setAttribute("aria-describedby", describedBy);
    // Esc moves focus to the keyboard hint just after the editor: Tab goes on, Shift+Tab comes back.
    ed.addCommand(monaco.KeyCode.Escape, () => document.getElementById(keysHintId(id))?.focus(), ESC_LEAVES_WHEN);
    setMounted(true);
    void loadSchema();
  };

  return (
    <div
      data-testid="spec-editor"
      data-editor={mounted ? "monaco" : "loading"}
      className={cn(
        "relative h-[min(62vh,560px)] min-h-80 overflow-hidden rounded-lg border bg-[#1e1e1e] shadow-card transition-colors",
        invalid ? "border-red-400" : "border-zinc-800",
        "focus-within:ring-3 focus-within:ring-brand-500/25",
      )}
      {...drop.handlers}
    >
      <Editor
        height="100%"
        path={MODEL_URI}
        defaultLanguage="yaml"
        theme="vs-dark"
        value={value}
        onChange={(v) => onChange(v ?? "")}
        onMount={onMount}
        loading={null}
        options={{
          ariaLabel: label,
          minimap: { enabled: false },
          tabSize: 2,
          insertSpaces: true,
          fontSize: 13,
          lineHeight: 20,
          scrollBeyondLastLine: false,
          wordWrap: "off",
          renderLineHighlight: "line",
          quickSuggestions: { other: true, comments: false, strings: true },
          fixedOverflowWidgets: true,
          padding: { top: 12, bottom: 12 },
          automaticLayout: true,
        }}
      />
      {drop.overlay}
    </div>
  );
}
