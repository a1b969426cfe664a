"use client";

import { useEffect, useId, useState, type FormEvent } from "react";
import { api, errorMessage, type User } from "@/components/api-client";
import { formatCredits, formatNumber } from "@/components/format";
import { CoinsIcon } from "@/components/icons";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/input";
import { LedgerList } from "./ledger-list";
import { teamUrn, userUrn, type TransferResult } from "./types";

const MAX = 10_000_000;

function parseAmount(raw: string): number | null {
  if (!/^\d+$/.test(raw.trim())) return null;
  const n = Number(raw);
  return n >= 1 && n <= MAX ? n : null;
}

/** The team's balance, "Add credits" from your personal balance, and the team's credit history. */
export function TeamCreditsCard({ teamId, credits, onChange }: { teamId: string; credits: number; onChange?: () => void }) {
  const [me, setMe] = useState<User | null>(null);
  // The balance a transfer answered, until the page's own team data (credits) moves on.
  const [answered, setAnswered] = useState<{ base: number; value: number } | null>(null);
  const balance = answered && answered.base === credits ? answered.value : credits;
  const [version, setVersion] = useState(0);
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<TransferResult | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    api<User>("/v1/account", { signal: ctrl.signal }).then(setMe, () => undefined);
    return () => ctrl.abort();
  }, [version]);

  function transferred(r: TransferResult) {
    setAnswered({ base: credits, value: r.to_balance });
    setMe((u) => (u ? { ...u, credits: r.from_balance } : u));
    setDone(r);
    setOpen(false);
    setVersion((v) => v + 1);
    onChange?.();
  }

  return (
    <Card data-testid="team-credits-card">
      <CardHeader
        title="Credits"
        description="Renders of this team's projects are paid from this balance."
        icon={<CoinsIcon size={16} />}
        action={
          !open ? (
            <Button size="sm" onClick={() => { setOpen(true); setDone(null); }} disabled={!me}>
              Add credits
            </Button>
          ) : null
        }
      />
      <CardContent className="space-y-4">
        <p className="text-sm text-zinc-500">
          Balance{" "}
          <span data-testid="team-balance" className="ml-1 text-2xl font-semibold tracking-tight text-zinc-950 tabular-nums">
            {formatNumber(balance)}
          </span>
        </p>
        {done ? (
          <Alert tone="success" title={`Added ${formatCredits(done.transfer.amount)} to the team`}>
            Team balance {formatNumber(done.to_balance)} · your balance {formatNumber(done.from_balance)}
          </Alert>
        ) : null}
        {open && me ? (
          <AddCreditsForm teamId={teamId} me={me} teamBalance={balance} onDone={transferred} onCancel={() => setOpen(false)} />
        ) : null}
        <div>
          <h3 className="mb-1 text-[13px] font-medium text-zinc-800">History</h3>
          <LedgerList owner={teamUrn(teamId)} version={version} label="Team credit history" />
        </div>
      </CardContent>
    </Card>
  );
}

function AddCreditsForm({
  teamId,
  me,
  teamBalance,
  onDone,
  onCancel,
}: {
  teamId: string;
  me: User;
  teamBalance: number;
  onDone: (r: TransferResult) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [raw, setRaw] = useState("");
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const amount = parseAmount(raw);
  const tooMuch = amount !== null && amount > me.credits;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (amount === null || tooMuch) return;
    setBusy(true);
    setError(null);
    try {
      const body = { from: userUrn(me.id), to: teamUrn(teamId), amount, ...(note.trim() ? { note: note.trim() } : {}) };
      onDone(await api<TransferResult>("/v1/credits/transfers", { method: "POST", body }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const hint =
    raw.trim() === ""
      ? `You have ${formatCredits(me.credits)}.`
      : amount === null
        ? `Enter a whole number from 1 to ${formatNumber(MAX)}.`
        : tooMuch
          ? `You have only ${formatCredits(me.credits)}.`
          : `Costs ${formatCredits(amount)} from your balance: yours ${formatNumber(me.credits)} → ${formatNumber(me.credits - amount)}, the team's ${formatNumber(teamBalance)} → ${formatNumber(teamBalance + amount)}.`;
  const invalid = raw.trim() !== "" && (amount === null || tooMuch);

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-3 rounded-lg border border-zinc-200 bg-zinc-50/60 p-3" aria-label="Add credits">
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-amount`}>Amount</Label>
        <Input
          id={`${id}-amount`}
          inputMode="numeric"
          autoFocus
          value={raw}
          onChange={(e) => setRaw(e.target.value)}
          aria-invalid={invalid || undefined}
          aria-describedby={`${id}-hint`}
          placeholder="e.g. 500"
        />
        <p id={`${id}-hint`} className={invalid ? "text-xs text-red-700" : "text-xs text-zinc-600"} aria-live="polite">
          {hint}
        </p>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-note`}>Note (optional)</Label>
        <Input id={`${id}-note`} maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} placeholder="What it is for" />
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" loading={busy} disabled={amount === null || tooMuch}>
          {amount !== null && !tooMuch ? `Add ${formatCredits(amount)}` : "Add credits"}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
