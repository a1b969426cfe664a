CREATE TYPE "public"."ledger_kind" AS ENUM('signup', 'grant', 'charge', 'refund', 'transfer_in', 'transfer_out');--> statement-breakpoint
CREATE TABLE "credit_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_owner" text NOT NULL,
	"to_owner" text NOT NULL,
	"amount" integer NOT NULL,
	"note" text,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_transfers_from_urn" CHECK (from_owner ~ '^framecast:(user:usr_[0-9a-f-]{36}|team:tm_[0-9a-f-]{36}|tm_[0-9a-f-]{36}:usr_[0-9a-f-]{36})$'),
	CONSTRAINT "credit_transfers_to_urn" CHECK (to_owner ~ '^framecast:(user:usr_[0-9a-f-]{36}|team:tm_[0-9a-f-]{36}|tm_[0-9a-f-]{36}:usr_[0-9a-f-]{36})$'),
	CONSTRAINT "credit_transfers_distinct" CHECK ("credit_transfers"."from_owner" <> "credit_transfers"."to_owner"),
	CONSTRAINT "credit_transfers_amount_range" CHECK (amount between 1 and 10000000),
	CONSTRAINT "credit_transfers_note_length" CHECK ("credit_transfers"."note" is null or char_length("credit_transfers"."note") <= 200)
);
--> statement-breakpoint
ALTER TABLE "credit_ledger" ALTER COLUMN "reason" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD COLUMN "kind" "ledger_kind";--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD COLUMN "balance_after" integer;--> statement-breakpoint
-- Backfill (hand-written): kind from reason/note; balance_after as the running sum of the holder's
-- rows (membership URNs draw on their team). Within one timestamp, credits before debits, so the
-- running sum of a history that never went negative stays >= 0.
ALTER TABLE "credit_ledger" DISABLE TRIGGER credit_ledger_append_only;--> statement-breakpoint
UPDATE "credit_ledger" SET "kind" = (CASE
  WHEN reason = 'job_charge' THEN 'charge'
  WHEN reason = 'job_refund' THEN 'refund'
  WHEN reason = 'grant' AND note = 'signup' THEN 'signup'
  ELSE 'grant' END)::ledger_kind;--> statement-breakpoint
UPDATE "credit_ledger" l SET "balance_after" = r.running FROM (
  SELECT id, sum(delta) OVER (
    PARTITION BY CASE WHEN owner ~ '^framecast:tm_' THEN 'framecast:team:' || split_part(owner, ':', 2) ELSE owner END
    ORDER BY created_at, delta DESC, id) AS running
  FROM "credit_ledger") r
WHERE l.id = r.id;--> statement-breakpoint
ALTER TABLE "credit_ledger" ENABLE TRIGGER credit_ledger_append_only;--> statement-breakpoint
ALTER TABLE "credit_ledger" ALTER COLUMN "kind" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "credit_ledger" ALTER COLUMN "balance_after" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD COLUMN "transfer_id" uuid;--> statement-breakpoint
CREATE INDEX "credit_transfers_from_idx" ON "credit_transfers" USING btree ("from_owner","created_at");--> statement-breakpoint
CREATE INDEX "credit_transfers_to_idx" ON "credit_transfers" USING btree ("to_owner","created_at");--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_transfer_id_credit_transfers_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "public"."credit_transfers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_ledger_transfer_idx" ON "credit_ledger" USING btree ("transfer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_ledger_transfer_kind_key" ON "credit_ledger" USING btree ("transfer_id","kind");--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_balance_after_nonneg" CHECK ("credit_ledger"."balance_after" >= 0);--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_transfer_rows" CHECK (("credit_ledger"."transfer_id" is not null) = ("credit_ledger"."kind" in ('transfer_in', 'transfer_out')) and ("credit_ledger"."transfer_id" is not null) = ("credit_ledger"."reason" is null));--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_transfer_sign" CHECK (("credit_ledger"."kind" <> 'transfer_in' or "credit_ledger"."delta" > 0) and ("credit_ledger"."kind" <> 'transfer_out' or "credit_ledger"."delta" < 0));--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_kind_matches_reason" CHECK ("credit_ledger"."reason" is null or ("credit_ledger"."reason" = 'job_charge' and "credit_ledger"."kind" = 'charge') or ("credit_ledger"."reason" = 'job_refund' and "credit_ledger"."kind" = 'refund') or ("credit_ledger"."reason" in ('grant', 'adjustment') and "credit_ledger"."kind" in ('signup', 'grant')));--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_signup_positive" CHECK ("credit_ledger"."kind" <> 'signup' or "credit_ledger"."delta" > 0);--> statement-breakpoint
-- ─── Hand-written: ledger kind and balance_after, transfers append-only ──────────────────────
-- Rows written without kind / balance_after (admin SQL, old code paths) get them here: kind from
-- the reason (a 'grant' noted 'signup' is the sign-up grant; transfers by their sign), balance_after
-- as the holder's ledger sum including this row (= the balance at commit, by INV-LEDGER; floored at
-- 0 for a debit written before its credit in the same transaction, which INV-LEDGER still checks).
CREATE FUNCTION framecast_ledger_fill() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  p record;
BEGIN
  IF NEW.kind IS NULL THEN
    NEW.kind := (CASE
      WHEN NEW.transfer_id IS NOT NULL THEN CASE WHEN NEW.delta > 0 THEN 'transfer_in' ELSE 'transfer_out' END
      WHEN NEW.reason = 'job_charge' THEN 'charge'
      WHEN NEW.reason = 'job_refund' THEN 'refund'
      WHEN NEW.reason = 'grant' AND NEW.note = 'signup' THEN 'signup'
      ELSE 'grant' END)::ledger_kind;
  END IF;
  IF NEW.balance_after IS NULL THEN
    SELECT * INTO p FROM framecast_parse_urn(NEW.owner);
    IF p.kind IN ('team', 'membership') THEN
      SELECT greatest(0, coalesce(sum(l.delta), 0) + NEW.delta) INTO NEW.balance_after FROM credit_ledger l
       WHERE l.owner = framecast_team_urn(p.team_id)
          OR starts_with(l.owner, 'framecast:tm_' || p.team_id::text || ':usr_');
    ELSE
      SELECT greatest(0, coalesce(sum(l.delta), 0) + NEW.delta) INTO NEW.balance_after FROM credit_ledger l WHERE l.owner = NEW.owner;
    END IF;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER credit_ledger_fill
BEFORE INSERT ON credit_ledger
FOR EACH ROW EXECUTE FUNCTION framecast_ledger_fill();
--> statement-breakpoint
CREATE FUNCTION framecast_transfers_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'check_violation',
    MESSAGE = format('INV-LEDGER: credit_transfers is append-only (%s of row %s refused)', TG_OP, OLD.id);
END
$$;
--> statement-breakpoint
CREATE TRIGGER credit_transfers_append_only
BEFORE UPDATE OR DELETE ON credit_transfers
FOR EACH ROW EXECUTE FUNCTION framecast_transfers_append_only();
--> statement-breakpoint
-- Every transfer has both of its ledger rows, on its own owners, for its amount (checked at commit).
CREATE FUNCTION framecast_transfer_complete() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  n int;
BEGIN
  SELECT count(*) INTO n FROM credit_ledger l
   WHERE l.transfer_id = NEW.id
     AND ((l.kind = 'transfer_out' AND l.owner = NEW.from_owner AND l.delta = -NEW.amount)
       OR (l.kind = 'transfer_in' AND l.owner = NEW.to_owner AND l.delta = NEW.amount));
  IF n <> 2 THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation',
      MESSAGE = format('INV-LEDGER: transfer %s needs its transfer_out and transfer_in ledger rows', NEW.id);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER credit_transfers_complete
AFTER INSERT ON credit_transfers
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION framecast_transfer_complete();
