"use client";

import { useEffect, useState } from "react";
import { api, errorMessage } from "@/components/api-client";
import { formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Row } from "./row";

interface UsageRow {
  owner: string;
  period: string;
  renders_count: number;
  render_seconds: number;
  credits_used: number;
  credits_refunded: number;
}

/** This month's usage of the team's shared work (its team URN), from GET /v1/account/usage. */
export function TeamUsageCard({ teamId }: { teamId: string }) {
  const [row, setRow] = useState<UsageRow | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    api<{ data: UsageRow[] }>("/v1/account/usage", { signal: ctrl.signal })
      .then((u) => setRow(u.data.find((r) => r.owner === `framecast:team:tm_${teamId}`) ?? null))
      .catch((err: unknown) => !ctrl.signal.aborted && setError(errorMessage(err)));
    return () => ctrl.abort();
  }, [teamId]);

  return (
    <Card data-testid="team-usage">
      <CardHeader title="This month" description={row ? row.period : undefined} />
      <CardContent className="space-y-2 text-sm">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <Row label="Renders">{formatNumber(row?.renders_count ?? 0)}</Row>
        <Row label="Seconds rendered">{formatNumber(row?.render_seconds ?? 0)}</Row>
        <Row label="Credits used">{formatNumber(row?.credits_used ?? 0)}</Row>
        <Row label="Credits refunded">{formatNumber(row?.credits_refunded ?? 0)}</Row>
      </CardContent>
    </Card>
  );
}
