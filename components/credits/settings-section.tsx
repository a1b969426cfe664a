"use client";

import { useEffect, useState } from "react";
import { api, type User } from "@/components/api-client";
import { formatNumber } from "@/components/format";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { LedgerList } from "./ledger-list";
import { userUrn } from "./types";

/** Settings → Credits: your balance and its history, paged. */
export function CreditsSection() {
  const [me, setMe] = useState<User | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    api<User>("/v1/account", { signal: ctrl.signal }).then(setMe, () => undefined);
    return () => ctrl.abort();
  }, []);
  return (
    <section id="credits" aria-labelledby="credits-title" className="scroll-mt-32">
      <Card>
        <CardHeader
          titleId="credits-title"
          title="Credits"
          description="Every credit in and out of your personal balance. Team balances are on each team's page."
          action={
            me ? (
              <span className="text-sm text-zinc-500">
                Balance <span data-testid="personal-balance" className="ml-1 text-lg font-semibold text-zinc-950 tabular-nums">{formatNumber(me.credits)}</span>
              </span>
            ) : null
          }
        />
        <CardContent>{me ? <LedgerList owner={userUrn(me.id)} label="Your credit history" /> : null}</CardContent>
      </Card>
    </section>
  );
}
