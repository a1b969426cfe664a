"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { api, errorMessage, type Tier } from "@/components/api-client";
import { formatNumber } from "@/components/format";
import { CoinsIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { detectFormat, newIdempotencyKey, saveProjectSpec, validateSource } from "./api";
import { AssistantCard } from "./assistant-card";
import { FilesCard } from "./files-card";
import { EstimateBody, ValidationStatus } from "./estimate-summary";
import { FileCodeIcon, RotateCcwIcon, UploadIcon } from "@/components/icons";
import { IssueList } from "./issue-list";
import { parseSeed, RenderOptionsCard } from "./render-options";
import { SpecEditor, type SpecEditorHandle } from "./spec-editor";
import { TimelinePreview } from "./timeline-preview";
import { formatBytes } from "./status";
import { describeSubmitError, type SubmitError } from "./submit-error";
import { useShortcuts } from "./use-shortcuts";
import { useUnsavedGuard } from "./use-unsaved-guard";
import type { Estimate, Job, RenderOptions, StoryboardIssue, ValidationResult } from "./types";

const DEBOUNCE_MS = 400;
const MAX_BYTES = 100 * 1024;
const NO_ISSUES: StoryboardIssue[] = [];
const ACCEPT = ".yaml,.yml,.json,application/json,application/yaml,text/yaml,application/x-yaml";

type Checked = { text: string; result: ValidationResult } | { text: string; error: string };
type Estimated = { key: string; estimate: Estimate } | { key: string; error: string };

/**
 * "New render": the storyboard text (prefilled, or uploaded), validated as you type (POST
 * /v1/spec/validate), estimated with the chosen options (POST /v1/spec/estimate), and submitted
 * to POST /v1/generate; on success the job page opens.
 */
export function NewRenderForm({
  initialSource,
  initialFileName,
  owner,
  credits,
  tier,
  assistantEnabled,
  project,
  initialOptions,
}: {
  initialSource: string;
  initialFileName: string;
  owner: string;
  credits: number;
  tier: Tier;
  assistantEnabled: boolean;
  /** Editing a team project: Save stores the text, Render renders the project (a kept team job). */
  project?: { id: string; name: string };
  /** Options to start from (editing a past render). */
  initialOptions?: RenderOptions;
}) {
  const router = useRouter();
  const editorRef = useRef<SpecEditorHandle>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const firstCheck = useRef(true);
  const idempotency = useRef<{ content: string; key: string } | null>(null);

  const [text, setText] = useState(initialSource);
  const [fileName, setFileName] = useState(initialFileName);
  const [fileError, setFileError] = useState<string | null>(null);
  const [resolution, setResolution] = useState<"720p" | "1080p">(initialOptions?.resolution ?? "720p");
  const [fps, setFps] = useState<24 | 25 | 30>(initialOptions?.fps ?? 24);
  const [preview, setPreview] = useState(initialOptions?.preview ?? false);
  const [seedRaw, setSeedRaw] = useState(initialOptions?.seed !== undefined ? String(initialOptions.seed) : "");
  const [checked, setChecked] = useState<Checked | null>(null);
  const [checkAttempt, setCheckAttempt] = useState(0);
  const [estimated, setEstimated] = useState<Estimated | null>(null);
  const [pending, setPending] = useState(false);
  const [submitError, setSubmitError] = useState<SubmitError | null>(null);
  const [saved, setSaved] = useState<{ text: string } | { error: string } | null>(project ? { text: initialSource } : null);
  const [saving, setSaving] = useState(false);
  /** What the project holds now: the editor is "dirty" when it differs. */
  const [savedText, setSavedText] = useState(initialSource);
  const dirty = project !== undefined && text !== savedText;
  const releaseGuard = useUnsavedGuard(dirty);

  async function save(): Promise<boolean> {
    if (!project) return true;
    setSaving(true);
    const content = text;
    try {
      await saveProjectSpec(project.id, content);
      setSaved({ text: content });
      setSavedText(content);
      return true;
    } catch (err) {
      setSaved({ error: errorMessage(err) });
      return false;
    } finally {
      setSaving(false);
    }
  }

  const { seed, error: seedError } = parseSeed(seedRaw);
  const options = useMemo<RenderOptions>(() => {
    const o: RenderOptions = { resolution, fps };
    if (preview) o.preview = true;
    if (seed !== undefined) o.seed = seed;
    return o;
  }, [resolution, fps, preview, seed]);
  const optionsKey = JSON.stringify(options);

  // Validate the text, debounced (the first check runs at once).
  useEffect(() => {
    const ctrl = new AbortController();
    const delay = firstCheck.current ? 0 : DEBOUNCE_MS;
    firstCheck.current = false;
    const timer = setTimeout(() => {
      if (!text.trim()) {
        setChecked({ text, result: { valid: false, errors: [{ path: "(document)", message: "The storyboard is empty." }], warnings: [] } });
        return;
      }
      validateSource(text, ctrl.signal)
        .then((result) => setChecked({ text, result }))
        .catch((err: unknown) => {
          if (!ctrl.signal.aborted) setChecked({ text, error: errorMessage(err) });
        });
    }, delay);
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [text, checkAttempt]);

  const checking = checked === null || checked.text !== text;
  const validation = !checking && "result" in checked ? checked.result : null;
  const checkError = !checking && "error" in checked ? checked.error : null;
  const validText = checked && "result" in checked && checked.result.valid ? checked.text : null;

  // Estimate once the text is valid, and again whenever the options change.
  useEffect(() => {
    if (validText === null || seedError) return;
    const key = `${validText}\u0000${optionsKey}`;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      api<Estimate>("/v1/spec/estimate", {
        method: "POST",
        body: { spec: validText, owner, options: JSON.parse(optionsKey) as RenderOptions },
        signal: ctrl.signal,
      })
        .then((estimate) => setEstimated({ key, estimate }))
        .catch((err: unknown) => {
          if (!ctrl.signal.aborted) setEstimated({ key, error: errorMessage(err) });
        });
    }, 150);
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [validText, optionsKey, owner, seedError]);

  const currentKey = `${text}\u0000${optionsKey}`;
  const estimateCurrent = estimated?.key === currentKey ? estimated : null;
  const estimate = estimateCurrent && "estimate" in estimateCurrent ? estimateCurrent.estimate : null;
  const estimateError = estimateCurrent && "error" in estimateCurrent ? estimateCurrent.error : null;
  const estimating = Boolean(validation?.valid) && !seedError && !estimateCurrent;
  const insufficient = estimate?.sufficient_credits === false;
  const balance = estimate?.balance ?? credits;

  const errors = validation?.errors ?? NO_ISSUES;
  const warnings = validation?.warnings ?? NO_ISSUES;
  const errorLines = useMemo(() => new Set(errors.flatMap((e) => (e.line ? [e.line] : []))), [errors]);
  const warningLines = useMemo(() => new Set(warnings.flatMap((w) => (w.line ? [w.line] : []))), [warnings]);
  const markerIssues = useMemo(
    () => [...errors.map((e) => ({ ...e, severity: "error" as const })), ...warnings.map((w) => ({ ...w, severity: "warning" as const }))],
    [errors, warnings],
  );
  const bytes = useMemo(() => new TextEncoder().encode(text).length, [text]);
  const format = detectFormat(text);

  const blocker: string | null = checking
    ? "Checking the storyboard…"
    : checkError
      ? "The storyboard couldn't be checked."
      : !validation?.valid
        ? `Fix ${errors.length === 1 ? "the error" : `the ${errors.length} errors`} to render.`
        : seedError
          ? "Fix the seed to render."
          : estimating
            ? "Estimating…"
            : insufficient
              ? "Not enough credits for this render."
              : null;

  function edit(next: string) {
    setText(next);
    setSubmitError(null);
  }

  async function loadFile(file: File) {
    setFileError(null);
    if (!/\.(ya?ml|json)$/i.test(file.name)) {
      setFileError(`“${file.name}” isn't a storyboard file. Choose a .yaml, .yml or .json file.`);
      return;
    }
    if (file.size > MAX_BYTES) {
      setFileError(`“${file.name}” is ${formatBytes(file.size)}; storyboards are limited to 100 KB.`);
      return;
    }
    try {
      edit(await file.text());
      setFileName(file.name);
      editorRef.current?.scrollToTop();
    } catch {
      setFileError(`“${file.name}” couldn't be read.`);
    }
  }

  function onFileChosen(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = ""; // choosing the same file again still fires change
    if (file) void loadFile(file);
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (blocker || pending) return;
    if (idempotency.current?.content !== currentKey) idempotency.current = { content: currentKey, key: newIdempotencyKey() };
    const submitted = text;
    setPending(true);
    setSubmitError(null);
    try {
      if (project && !(await save())) {
        setPending(false);
        return;
      }
      const job = project
        ? await api<Job>(`/v1/projects/${encodeURIComponent(project.id)}/render`, { method: "POST", body: { options, idempotency_key: idempotency.current.key } })
        : await api<Job>("/v1/generate", { method: "POST", body: { spec: submitted, owner, options, idempotency_key: idempotency.current.key } });
      idempotency.current = null;
      releaseGuard();
      router.push(`/app/jobs/${encodeURIComponent(job.id)}`);
      router.refresh(); // the header's credit balance
    } catch (err) {
      setPending(false);
      const { error, storyboardIssues } = describeSubmitError(err);
      if (storyboardIssues.length) setChecked({ text: submitted, result: { valid: false, errors: storyboardIssues, warnings } });
      setSubmitError(error);
    }
  }

  const jump = (line: number, column?: number) => editorRef.current?.jumpTo(line, column);

  useShortcuts({
    onSave: project ? () => void (saving || save()) : undefined,
    onSubmit: () => formRef.current?.requestSubmit(),
  });

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label="New render" className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_340px]">
      <div className="min-w-0 space-y-4">
        <AssistantCard
          enabled={assistantEnabled}
          current={text}
          currentErrors={validation && !validation.valid ? errors.length : 0}
          onDraft={(yaml) => {
            edit(yaml);
            setFileName("ai-draft.yaml");
            setFileError(null);
            editorRef.current?.scrollToTop();
          }}
        />
        <Card>
          <CardHeader
            title="Storyboard"
            description="YAML or JSON, checked as you type."
            icon={<FileCodeIcon size={16} />}
            action={
              <>
                <input ref={fileRef} type="file" accept={ACCEPT} onChange={onFileChosen} className="sr-only" tabIndex={-1} aria-hidden="true" data-testid="spec-file" />
                {project ? (
                  <Button
                    size="sm"
                    onClick={() => void save()}
                    loading={saving}
                    disabled={!dirty}
                    data-testid="save-project"
                    data-dirty={dirty}
                    aria-keyshortcuts="Control+S Meta+S"
                    title="Save (Ctrl+S / ⌘S)"
                  >
                    {dirty ? "Save" : "Saved"}
                  </Button>
                ) : null}
                <Button variant="secondary" size="sm" onClick={() => fileRef.current?.click()}>
                  <UploadIcon size={15} /> Upload file
                </Button>
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={text === initialSource}
                  onClick={() => {
                    edit(initialSource);
                    setFileName(initialFileName);
                    setFileError(null);
                    editorRef.current?.scrollToTop();
                  }}
                >
                  <RotateCcwIcon size={14} /> Reset
                </Button>
              </>
            }
          />
          <CardContent className="space-y-3">
            <SpecEditor
              ref={editorRef}
              id="spec-source"
              label="Storyboard source"
              value={text}
              onChange={edit}
              onDropFile={(f) => void loadFile(f)}
              errorLines={errorLines}
              warningLines={warningLines}
              issues={markerIssues}
              invalid={Boolean(validation && !validation.valid)}
              describedBy="spec-status"
            />
            <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 text-[13px]">
              <ValidationStatus
                checking={checking}
                validation={validation}
                checkError={checkError}
                onRetry={() => setCheckAttempt((a) => a + 1)}
              />
              <p className="flex items-center gap-2 text-zinc-500">
                <span className="max-w-[14rem] truncate font-mono text-xs text-zinc-600" title={fileName}>
                  {fileName}
                </span>
                <span aria-hidden="true">·</span>
                <span>{format === "json" ? "JSON" : "YAML"}</span>
                <span aria-hidden="true">·</span>
                <span className={cn("tabular-nums", bytes > MAX_BYTES && "font-medium text-red-600")}>
                  {formatBytes(bytes)} of 100 KB
                </span>
              </p>
            </div>
            <TimelinePreview text={validText ?? ""} valid={validText !== null && validText === text} />
            {fileError ? <Alert tone="error">{fileError}</Alert> : null}
            {saved && "error" in saved ? <Alert tone="error">{`Couldn't save: ${saved.error}`}</Alert> : null}
          </CardContent>
        </Card>
        {validation ? <IssueList errors={errors} warnings={warnings} onJump={jump} /> : null}
        <FilesCard owner={owner} />
      </div>

      <div className="space-y-4 lg:sticky lg:top-32 lg:self-start">
        <RenderOptionsCard
          resolution={resolution}
          onResolution={setResolution}
          fps={fps}
          onFps={setFps}
          preview={preview}
          onPreview={setPreview}
          seed={seedRaw}
          onSeed={setSeedRaw}
          seedError={seedError}
        />

        <Card>
          <CardHeader title="Estimate" icon={<CoinsIcon size={16} />} />
          <CardContent className="space-y-4" aria-live="polite" aria-busy={estimating || undefined}>
            <EstimateBody
              estimate={estimate}
              estimating={estimating}
              error={estimateError}
              valid={Boolean(validation?.valid)}
              preview={preview}
              balance={balance}
            />
            {insufficient && estimate ? (
              <Alert tone="warning" title="Not enough credits">
                This render needs {formatNumber(estimate.estimated_credits)} credits and your balance is{" "}
                {formatNumber(balance)}. Try the free animatic draft, 720p, or a shorter storyboard.
              </Alert>
            ) : null}
            {submitError ? (
              <Alert tone="error" title={submitError.title}>
                <p>{submitError.message}</p>
                {submitError.action ? (
                  <Link href={submitError.action.href} className="mt-1 inline-block font-medium underline underline-offset-2">
                    {submitError.action.label}
                  </Link>
                ) : null}
              </Alert>
            ) : null}
          </CardContent>
          <CardFooter className="flex-col items-stretch gap-2">
            <Button
              type="submit"
              size="lg"
              data-testid="submit-render"
              disabled={blocker !== null}
              loading={pending}
              className="w-full"
              aria-keyshortcuts="Control+Enter Meta+Enter"
              title="Render (Ctrl+Enter / ⌘Enter)"
            >
              {pending ? "Starting…" : preview ? "Render draft" : "Render video"}
            </Button>
            <p className="text-center text-xs text-zinc-500" id="submit-hint">
              {blocker ??
                (tier === "starter"
                  ? "Starter accounts render one video at a time."
                  : preview
                    ? "Drafts are free and don't use credits."
                    : "Credits are charged when the render starts; failures are refunded.")}
            </p>
            <p className="hidden text-center text-xs text-zinc-500 sm:block" data-testid="shortcut-hint">
              <kbd className="font-sans">Ctrl</kbd>/<kbd className="font-sans">⌘</kbd>+<kbd className="font-sans">Enter</kbd> renders
              {project ? (
                <>
                  {" · "}
                  <kbd className="font-sans">Ctrl</kbd>/<kbd className="font-sans">⌘</kbd>+<kbd className="font-sans">S</kbd> saves
                </>
              ) : null}
            </p>
          </CardFooter>
        </Card>
      </div>
    </form>
  );
}
