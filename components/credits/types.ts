/** Shapes of GET /v1/credits/ledger and POST /v1/credits/transfers (lib/credits/schemas.ts). */
export type LedgerKind = "signup" | "grant" | "charge" | "refund" | "transfer_in" | "transfer_out";

export interface LedgerEntry {
  id: string;
  owner: string;
  amount: number;
  kind: LedgerKind;
  job_id: string | null;
  transfer_id: string | null;
  balance_after: number;
  created_at: string;
}

export interface LedgerPage {
  data: LedgerEntry[];
  next_cursor: string | null;
}

export interface TransferResult {
  transfer: { id: string; from: string; to: string; amount: number; note: string | null; created_at: string };
  from_balance: number;
  to_balance: number;
}

export const KIND_LABEL: Record<LedgerKind, string> = {
  signup: "Sign-up credits",
  grant: "Credits granted",
  charge: "Render charged",
  refund: "Render refunded",
  transfer_in: "Transfer in",
  transfer_out: "Transfer out",
};

export const userUrn = (id: string) => `framecast:user:usr_${id}`;
export const teamUrn = (id: string) => `framecast:team:tm_${id}`;
