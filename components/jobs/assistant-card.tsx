"use client";

import { useEffect, useRef, useState } from "react";
import { api, errorMessage } from "@/components/api-client";
import { formatNumber } from "@/components/format";
import { SparklesIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { inputClasses } from "@/components/ui/input";
import type { ValidationResult } from "./types";

const MAX_BRIEF = 4000;

interface Drafted {
  yaml: string;
  validation: ValidationResult;
  usage: { input_tokens: number; output_tokens: number };
  repair_rounds: number;
}

type Outcome = { kind: "done"; errors: number; seconds: number; tokens: number } | { kind: "error"; message: string };

/**
 * "Draft with AI" (POST /v1/spec/generate): a brief becomes a storyboard in the editor; with
 * "Revise" the current storyboard goes along and the brief says what to change. When the server
 * has no assistant, the card says so and nothing can be sent.
 */
export function AssistantCard({
  enabled,
  current,
  currentErrors,
  onDraft,
}: {
  enabled: boolean;
  current: string;
  currentErrors: number;
  onDraft: (yaml: string) => void;
}) {
  const [brief, setBrief] = useState("");
  const [revise, setRevise] = useState(false);
  const [pending, setPending] = useState<{ started: number; ctrl: AbortController } | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const briefRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => setElapsed(Math.round((Date.now() - pending.started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [pending]);

  async function send(body: Record<string, unknown>) {
    const ctrl = new AbortController();
    setPending({ started: Date.now(), ctrl });
    setElapsed(0);
    setOutcome(null);
    const started = Date.now();
    try {
      const res = await api<Drafted>("/v1/spec/generate", { method: "POST", body, signal: ctrl.signal });
      onDraft(res.yaml);
      setOutcome({
        kind: "done",
        errors: res.validation.errors.length,
        seconds: Math.round((Date.now() - started) / 1000),
        tokens: res.usage.input_tokens + res.usage.output_tokens,
      });
    } catch (err) {
      if (!ctrl.signal.aborted) setOutcome({ kind: "error", message: errorMessage(err) });
    } finally {
      setPending(null);
    }
  }

  function draft() {
    const text = brief.trim();
    if (!text) {
      briefRef.current?.focus();
      return;
    }
    void send(revise ? { brief: text, base_spec: current } : { brief: text });
  }

  const fix = () => void send({ brief: brief.trim() || "Fix the validation errors; change nothing else.", base_spec: current });

  return (
    <Card data-testid="assistant">
      <CardHeader title="Draft with AI" description="Describe the video; Claude writes the storyboard." icon={<SparklesIcon size={16} />} />
      <CardContent className="space-y-3">
        {!enabled ? (
          <p className="text-sm text-zinc-500" data-testid="assistant-disabled">
            The AI assistant isn&apos;t enabled on this server. Write the storyboard by hand, or ask the operator to set{" "}
            <code className="font-mono text-xs">ANTHROPIC_API_KEY</code>.
          </p>
        ) : (
          <>
            <label htmlFor="assistant-brief" className="sr-only">
              Brief
            </label>
            <textarea
              id="assistant-brief"
              ref={briefRef}
              value={brief}
              maxLength={MAX_BRIEF}
              rows={4}
              disabled={pending !== null}
              onChange={(e) => setBrief(e.target.value)}
              placeholder="A 20 second teaser: a lighthouse keeper spots a ghost ship in a storm, then dawn breaks."
              className={cn(inputClasses, "h-auto resize-y py-2 leading-relaxed")}
            />
            <div className="flex items-center justify-between text-xs text-zinc-500">
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={revise} onChange={(e) => setRevise(e.target.checked)} disabled={pending !== null} className="accent-brand-600" />
                Revise the current storyboard
              </label>
              <span className="tabular-nums">
                {formatNumber(brief.length)} / {formatNumber(MAX_BRIEF)}
              </span>
            </div>
            <div className="flex flex-wrap gap-2">
              <Button type="button" size="sm" onClick={draft} loading={pending !== null} disabled={pending !== null} data-testid="assistant-draft">
                {revise ? "Revise storyboard" : "Draft storyboard"}
              </Button>
              {currentErrors > 0 && !pending ? (
                <Button type="button" size="sm" variant="secondary" onClick={fix}>
                  Fix {currentErrors === 1 ? "the error" : `${currentErrors} errors`} with AI
                </Button>
              ) : null}
              {pending ? (
                <Button type="button" size="sm" variant="ghost" onClick={() => pending.ctrl.abort()}>
                  Stop
                </Button>
              ) : null}
            </div>
            <div aria-live="polite" className="text-[13px]">
              {pending ? (
                <p className="text-zinc-500">Claude is writing… {elapsed > 0 ? `${elapsed} s` : ""} (usually under a minute)</p>
              ) : outcome?.kind === "done" ? (
                <p className={outcome.errors ? "text-amber-700" : "text-emerald-700"} data-testid="assistant-result">
                  {outcome.errors
                    ? `Drafted, with ${outcome.errors === 1 ? "1 error" : `${outcome.errors} errors`} left to fix in the editor.`
                    : "Drafted and valid — it's in the editor."}{" "}
                  <span className="text-zinc-500">
                    {outcome.seconds} s · {formatNumber(outcome.tokens)} tokens
                  </span>
                </p>
              ) : outcome?.kind === "error" ? (
                <Alert tone="error">{outcome.message}</Alert>
              ) : null}
            </div>
          </>
        )}
      </CardContent>
    </Card>
  );
}
