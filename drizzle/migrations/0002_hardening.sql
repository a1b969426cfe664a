CREATE INDEX "memberships_user_idx" ON "memberships" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_email_lower" CHECK ("users"."email" = lower("users"."email"));--> statement-breakpoint
-- updated_at never goes before created_at, even for a transaction that began before the row was inserted.
CREATE OR REPLACE FUNCTION framecast_set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := greatest(now(), NEW.created_at);
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- usage has no created_at: it keeps the plain now() stamp.
CREATE FUNCTION framecast_touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
--> statement-breakpoint
DROP TRIGGER usage_set_updated_at ON usage;
--> statement-breakpoint
CREATE TRIGGER usage_set_updated_at BEFORE UPDATE ON usage
FOR EACH ROW EXECUTE FUNCTION framecast_touch_updated_at();
