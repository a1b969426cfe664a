import { z } from "zod";
import { LEDGER_KINDS, TRANSFER_MAX } from "@/drizzle/schema/billing";
import { paginationQuery } from "@/lib/http/pagination";

const ownerUrn = z
  .string()
  .regex(/^framecast:(user:usr_|team:tm_)[0-9a-f-]{36}$/, "Must be your personal URN (framecast:user:usr_<uuid>) or a team URN (framecast:team:tm_<uuid>).");

export const createTransferSchema = z
  .object({
    from: ownerUrn,
    to: ownerUrn,
    amount: z.number().int("Must be a whole number of credits.").min(1).max(TRANSFER_MAX),
    note: z.string().trim().max(200).optional(),
  })
  .strict()
  .refine((b) => b.from !== b.to, { path: ["to"], message: "Choose a different account to move credits to." });
export type CreateTransferInput = z.infer<typeof createTransferSchema>;

export const transferSchema = z.object({
  id: z.string().uuid(),
  from: z.string(),
  to: z.string(),
  amount: z.number().int(),
  note: z.string().nullable(),
  created_at: z.string(),
});

export const transferResultSchema = z.object({
  transfer: transferSchema,
  from_balance: z.number().int().describe("The source's balance after the transfer."),
  to_balance: z.number().int().describe("The destination's balance after the transfer."),
});
export type TransferResult = z.infer<typeof transferResultSchema>;

export const ledgerQuery = z
  .object({
    owner: ownerUrn.optional().describe("Whose history: your personal URN (default) or a team you belong to."),
    ...paginationQuery,
  })
  .strict();

export const ledgerEntrySchema = z.object({
  id: z.string().uuid(),
  owner: z.string().describe("The row's owner URN; a team's history also lists its members' membership-URN rows."),
  amount: z.number().int().describe("Signed: credits in are positive, credits out negative."),
  kind: z.enum(LEDGER_KINDS),
  job_id: z.string().uuid().nullable(),
  transfer_id: z.string().uuid().nullable(),
  balance_after: z.number().int(),
  created_at: z.string(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const ledgerPageSchema = z.object({ data: z.array(ledgerEntrySchema), next_cursor: z.string().nullable() });
export type LedgerPage = z.infer<typeof ledgerPageSchema>;
