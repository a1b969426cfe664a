CREATE TABLE "deleted_accounts" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"email_hash" text NOT NULL,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deleted_accounts_email_hash_hex" CHECK ("deleted_accounts"."email_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE INDEX "deleted_accounts_email_hash_idx" ON "deleted_accounts" USING btree ("email_hash");--> statement-breakpoint
-- A deleted account's id never comes back: provisioning it again (a still-valid token) is refused.
CREATE FUNCTION framecast_user_not_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM deleted_accounts WHERE user_id = NEW.id) THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'users_not_deleted',
      MESSAGE = format('users: account %s was deleted and cannot be re-created', NEW.id);
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER users_not_deleted BEFORE INSERT ON users
FOR EACH ROW EXECUTE FUNCTION framecast_user_not_deleted();
--> statement-breakpoint
-- Tombstones are permanent.
CREATE FUNCTION framecast_tombstone_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'deleted_accounts_append_only',
    MESSAGE = format('deleted_accounts is append-only (%s refused)', TG_OP);
END
$$;
--> statement-breakpoint
CREATE TRIGGER deleted_accounts_append_only BEFORE UPDATE OR DELETE ON deleted_accounts
FOR EACH ROW EXECUTE FUNCTION framecast_tombstone_append_only();
