CREATE TYPE "public"."asset_status" AS ENUM('pending', 'ready', 'failed');--> statement-breakpoint
CREATE TYPE "public"."delivery_status" AS ENUM('pending', 'retrying', 'delivered', 'failed');--> statement-breakpoint
CREATE TYPE "public"."failure_type" AS ENUM('system', 'validation', 'timeout', 'canceled');--> statement-breakpoint
CREATE TYPE "public"."job_event_type" AS ENUM('queued', 'started', 'progress', 'scene_complete', 'completed', 'failed', 'canceled');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('queued', 'processing', 'completed', 'failed', 'canceled');--> statement-breakpoint
CREATE TYPE "public"."ledger_reason" AS ENUM('grant', 'job_charge', 'job_refund', 'adjustment');--> statement-breakpoint
CREATE TYPE "public"."membership_role" AS ENUM('owner', 'admin', 'member', 'viewer');--> statement-breakpoint
CREATE TYPE "public"."project_status" AS ENUM('draft', 'rendering', 'completed', 'archived');--> statement-breakpoint
CREATE TYPE "public"."system_asset_category" AS ENUM('sfx', 'ambient', 'music', 'transition');--> statement-breakpoint
CREATE TYPE "public"."user_tier" AS ENUM('starter', 'creator');--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"invited_by" uuid,
	"email" text NOT NULL,
	"role" "membership_role" DEFAULT 'member' NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone DEFAULT now() + interval '7 days' NOT NULL,
	"accepted_at" timestamp with time zone,
	"declined_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_role_not_owner" CHECK ("invitations"."role" <> 'owner'),
	CONSTRAINT "invitations_email_lower" CHECK ("invitations"."email" = lower("invitations"."email") and char_length("invitations"."email") between 3 and 255),
	CONSTRAINT "invitations_one_outcome" CHECK (num_nonnulls("invitations"."accepted_at", "invitations"."declined_at", "invitations"."revoked_at") <= 1),
	CONSTRAINT "invitations_expires_after_created" CHECK ("invitations"."expires_at" > "invitations"."created_at")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "membership_role" DEFAULT 'member' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"credits" integer DEFAULT 0 NOT NULL,
	"ephemeral_storage_bytes" bigint DEFAULT 0 NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teams_name_len" CHECK (char_length("teams"."name") between 1 and 100),
	CONSTRAINT "teams_slug_format" CHECK (char_length("teams"."slug") <= 50 and "teams"."slug" ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$'),
	CONSTRAINT "teams_credits_nonneg" CHECK ("teams"."credits" >= 0),
	CONSTRAINT "teams_storage_nonneg" CHECK ("teams"."ephemeral_storage_bytes" >= 0),
	CONSTRAINT "teams_settings_object" CHECK (jsonb_typeof("teams"."settings") = 'object'),
	CONSTRAINT "teams_updated_after_created" CHECK ("teams"."updated_at" >= "teams"."created_at")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"avatar_url" text,
	"tier" "user_tier" DEFAULT 'starter' NOT NULL,
	"credits" integer DEFAULT 0 NOT NULL,
	"ephemeral_storage_bytes" bigint DEFAULT 0 NOT NULL,
	"upgraded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_len" CHECK (char_length("users"."email") between 3 and 255),
	CONSTRAINT "users_name_len" CHECK ("users"."name" is null or char_length("users"."name") <= 100),
	CONSTRAINT "users_avatar_url_len" CHECK ("users"."avatar_url" is null or char_length("users"."avatar_url") <= 2048),
	CONSTRAINT "users_credits_nonneg" CHECK ("users"."credits" >= 0),
	CONSTRAINT "users_storage_nonneg" CHECK ("users"."ephemeral_storage_bytes" >= 0),
	CONSTRAINT "users_creator_iff_upgraded" CHECK (("users"."tier" = 'creator') = ("users"."upgraded_at" is not null)),
	CONSTRAINT "users_updated_after_created" CHECK ("users"."updated_at" >= "users"."created_at")
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"owner" text NOT NULL,
	"name" text DEFAULT 'Default' NOT NULL,
	"key_prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"scopes" jsonb DEFAULT '["*"]'::jsonb NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_keys_owner_urn" CHECK (owner ~ '^framecast:(user:usr_[0-9a-f-]{36}|team:tm_[0-9a-f-]{36}|tm_[0-9a-f-]{36}:usr_[0-9a-f-]{36})$'),
	CONSTRAINT "api_keys_name_len" CHECK (char_length("api_keys"."name") between 1 and 100),
	CONSTRAINT "api_keys_hash_format" CHECK ("api_keys"."key_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "api_keys_scopes_array" CHECK (jsonb_typeof("api_keys"."scopes") = 'array' and jsonb_array_length("api_keys"."scopes") >= 1)
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"created_by" uuid,
	"name" text NOT NULL,
	"status" "project_status" DEFAULT 'draft' NOT NULL,
	"spec" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_name_len" CHECK (char_length("projects"."name") between 1 and 200),
	CONSTRAINT "projects_updated_after_created" CHECK ("projects"."updated_at" >= "projects"."created_at")
);
--> statement-breakpoint
CREATE TABLE "job_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job_id" uuid NOT NULL,
	"sequence" bigint NOT NULL,
	"event_type" "job_event_type" NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_events_sequence_positive" CHECK ("job_events"."sequence" >= 1)
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner" text NOT NULL,
	"triggered_by" uuid,
	"project_id" uuid,
	"status" "job_status" DEFAULT 'queued' NOT NULL,
	"spec_snapshot" jsonb NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"progress" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"output" jsonb,
	"output_size_bytes" bigint,
	"error" jsonb,
	"failure_type" "failure_type",
	"credits_charged" integer DEFAULT 0 NOT NULL,
	"credits_refunded" integer DEFAULT 0 NOT NULL,
	"idempotency_key" text,
	"request_hash" text,
	"canceled_by" uuid,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_owner_urn" CHECK (owner ~ '^framecast:(user:usr_[0-9a-f-]{36}|team:tm_[0-9a-f-]{36}|tm_[0-9a-f-]{36}:usr_[0-9a-f-]{36})$'),
	CONSTRAINT "jobs_project_team_owner" CHECK ("jobs"."project_id" is null or "jobs"."owner" ~ '^framecast:team:'),
	CONSTRAINT "jobs_terminal_completed_at" CHECK (("jobs"."status" in ('completed', 'failed', 'canceled')) = ("jobs"."completed_at" is not null)),
	CONSTRAINT "jobs_completed_after_created" CHECK ("jobs"."completed_at" is null or "jobs"."completed_at" >= "jobs"."created_at"),
	CONSTRAINT "jobs_started_after_created" CHECK ("jobs"."started_at" is null or "jobs"."started_at" >= "jobs"."created_at"),
	CONSTRAINT "jobs_completed_after_started" CHECK ("jobs"."started_at" is null or "jobs"."completed_at" is null or "jobs"."completed_at" >= "jobs"."started_at"),
	CONSTRAINT "jobs_processing_started" CHECK ("jobs"."status" <> 'processing' or "jobs"."started_at" is not null),
	CONSTRAINT "jobs_completed_output" CHECK ("jobs"."status" <> 'completed' or "jobs"."output" is not null),
	CONSTRAINT "jobs_failed_error" CHECK ("jobs"."status" <> 'failed' or "jobs"."error" is not null),
	CONSTRAINT "jobs_failure_type_iff_failed" CHECK (("jobs"."status" in ('failed', 'canceled')) = ("jobs"."failure_type" is not null)),
	CONSTRAINT "jobs_canceled_failure_type" CHECK ("jobs"."status" <> 'canceled' or "jobs"."failure_type" = 'canceled'),
	CONSTRAINT "jobs_credits_valid" CHECK ("jobs"."credits_charged" >= 0 and "jobs"."credits_refunded" >= 0 and "jobs"."credits_refunded" <= "jobs"."credits_charged"),
	CONSTRAINT "jobs_output_size_nonneg" CHECK ("jobs"."output_size_bytes" is null or "jobs"."output_size_bytes" >= 0),
	CONSTRAINT "jobs_idempotency_key_len" CHECK ("jobs"."idempotency_key" is null or char_length("jobs"."idempotency_key") between 1 and 255),
	CONSTRAINT "jobs_updated_after_created" CHECK ("jobs"."updated_at" >= "jobs"."created_at")
);
--> statement-breakpoint
CREATE TABLE "asset_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner" text NOT NULL,
	"uploaded_by" uuid,
	"project_id" uuid,
	"filename" text NOT NULL,
	"s3_key" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"status" "asset_status" DEFAULT 'pending' NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_files_owner_urn" CHECK (owner ~ '^framecast:(user:usr_[0-9a-f-]{36}|team:tm_[0-9a-f-]{36}|tm_[0-9a-f-]{36}:usr_[0-9a-f-]{36})$'),
	CONSTRAINT "asset_files_project_team_owner" CHECK ("asset_files"."project_id" is null or "asset_files"."owner" ~ '^framecast:team:'),
	CONSTRAINT "asset_files_filename_len" CHECK (char_length("asset_files"."filename") between 1 and 255),
	CONSTRAINT "asset_files_content_type" CHECK ("asset_files"."content_type" in ('image/jpeg', 'image/png', 'image/webp', 'audio/mpeg', 'audio/wav', 'audio/ogg', 'video/mp4')),
	CONSTRAINT "asset_files_size" CHECK ("asset_files"."size_bytes" between 1 and 52428800),
	CONSTRAINT "asset_files_metadata_object" CHECK (jsonb_typeof("asset_files"."metadata") = 'object'),
	CONSTRAINT "asset_files_updated_after_created" CHECK ("asset_files"."updated_at" >= "asset_files"."created_at")
);
--> statement-breakpoint
CREATE TABLE "system_assets" (
	"id" text PRIMARY KEY NOT NULL,
	"category" "system_asset_category" NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"duration_seconds" numeric(8, 3),
	"s3_key" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "system_assets_id_format" CHECK ("system_assets"."id" ~ '^asset_[a-z]+_[a-z0-9_]+$' and "system_assets"."id" like 'asset_' || "system_assets"."category" || '_%'),
	CONSTRAINT "system_assets_description_len" CHECK (char_length("system_assets"."description") <= 500),
	CONSTRAINT "system_assets_duration_positive" CHECK ("system_assets"."duration_seconds" is null or "system_assets"."duration_seconds" > 0),
	CONSTRAINT "system_assets_size_positive" CHECK ("system_assets"."size_bytes" > 0)
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"webhook_id" uuid NOT NULL,
	"job_id" uuid,
	"event_type" text NOT NULL,
	"status" "delivery_status" DEFAULT 'pending' NOT NULL,
	"payload" jsonb NOT NULL,
	"response_status" integer,
	"response_body" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"next_retry_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_deliveries_attempts" CHECK ("webhook_deliveries"."attempts" >= 0 and "webhook_deliveries"."max_attempts" >= 1 and "webhook_deliveries"."attempts" <= "webhook_deliveries"."max_attempts"),
	CONSTRAINT "webhook_deliveries_body_len" CHECK ("webhook_deliveries"."response_body" is null or octet_length("webhook_deliveries"."response_body") <= 10240),
	CONSTRAINT "webhook_deliveries_delivered_at" CHECK (("webhook_deliveries"."status" = 'delivered') = ("webhook_deliveries"."delivered_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "webhooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"created_by" uuid,
	"url" text NOT NULL,
	"events" text[] NOT NULL,
	"secret_encrypted" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"last_triggered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhooks_url_https" CHECK ("webhooks"."url" ~ '^https://' and char_length("webhooks"."url") <= 2048),
	CONSTRAINT "webhooks_events_nonempty" CHECK (cardinality("webhooks"."events") >= 1),
	CONSTRAINT "webhooks_events_valid" CHECK ("webhooks"."events" <@ ARRAY['job.queued', 'job.started', 'job.progress', 'job.completed', 'job.failed', 'job.canceled']::text[]),
	CONSTRAINT "webhooks_updated_after_created" CHECK ("webhooks"."updated_at" >= "webhooks"."created_at")
);
--> statement-breakpoint
CREATE TABLE "credit_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner" text NOT NULL,
	"delta" integer NOT NULL,
	"reason" "ledger_reason" NOT NULL,
	"job_id" uuid,
	"actor_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_ledger_owner_urn" CHECK (owner ~ '^framecast:(user:usr_[0-9a-f-]{36}|team:tm_[0-9a-f-]{36}|tm_[0-9a-f-]{36}:usr_[0-9a-f-]{36})$'),
	CONSTRAINT "credit_ledger_delta_nonzero" CHECK ("credit_ledger"."delta" <> 0),
	CONSTRAINT "credit_ledger_charge_negative" CHECK ("credit_ledger"."reason" <> 'job_charge' or "credit_ledger"."delta" < 0),
	CONSTRAINT "credit_ledger_refund_positive" CHECK ("credit_ledger"."reason" <> 'job_refund' or "credit_ledger"."delta" > 0)
);
--> statement-breakpoint
CREATE TABLE "usage" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner" text NOT NULL,
	"period" text NOT NULL,
	"renders_count" integer DEFAULT 0 NOT NULL,
	"render_seconds" integer DEFAULT 0 NOT NULL,
	"credits_used" integer DEFAULT 0 NOT NULL,
	"credits_refunded" integer DEFAULT 0 NOT NULL,
	"api_calls" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_owner_urn" CHECK (owner ~ '^framecast:(user:usr_[0-9a-f-]{36}|team:tm_[0-9a-f-]{36}|tm_[0-9a-f-]{36}:usr_[0-9a-f-]{36})$'),
	CONSTRAINT "usage_period_format" CHECK ("usage"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "usage_counters_nonneg" CHECK ("usage"."renders_count" >= 0 and "usage"."render_seconds" >= 0 and "usage"."credits_used" >= 0 and "usage"."credits_refunded" >= 0 and "usage"."api_calls" >= 0)
);
--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"to_email" text NOT NULL,
	"subject" text NOT NULL,
	"body_text" text NOT NULL,
	"body_html" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_name_format" CHECK ("outbox"."name" ~ '^[a-z0-9_.-]+/[a-z0-9_.-]+$'),
	CONSTRAINT "outbox_attempts_nonneg" CHECK ("outbox"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "rate_limit_counters" (
	"bucket" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limit_counters_bucket_window_start_pk" PRIMARY KEY("bucket","window_start")
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_events" ADD CONSTRAINT "job_events_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_triggered_by_users_id_fk" FOREIGN KEY ("triggered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_canceled_by_users_id_fk" FOREIGN KEY ("canceled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_files" ADD CONSTRAINT "asset_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_files" ADD CONSTRAINT "asset_files_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_id_webhooks_id_fk" FOREIGN KEY ("webhook_id") REFERENCES "public"."webhooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_team_user_key" ON "memberships" USING btree ("team_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_slug_key" ON "teams" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "api_keys_user_idx" ON "api_keys" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "projects_team_idx" ON "projects" USING btree ("team_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "job_events_job_sequence_key" ON "job_events" USING btree ("job_id","sequence");--> statement-breakpoint
CREATE INDEX "job_events_created_idx" ON "job_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "jobs_owner_idx" ON "jobs" USING btree ("owner","created_at");--> statement-breakpoint
CREATE INDEX "jobs_project_idx" ON "jobs" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "jobs_active_owner_idx" ON "jobs" USING btree ("owner") WHERE "jobs"."status" in ('queued', 'processing');--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_one_active_per_project" ON "jobs" USING btree ("project_id") WHERE "jobs"."project_id" is not null and "jobs"."status" in ('queued', 'processing');--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_idempotency_key" ON "jobs" USING btree ("triggered_by","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "asset_files_s3_key_key" ON "asset_files" USING btree ("s3_key");--> statement-breakpoint
CREATE INDEX "asset_files_owner_idx" ON "asset_files" USING btree ("owner","created_at");--> statement-breakpoint
CREATE INDEX "asset_files_project_idx" ON "asset_files" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "system_assets_s3_key_key" ON "system_assets" USING btree ("s3_key");--> statement-breakpoint
CREATE INDEX "system_assets_category_idx" ON "system_assets" USING btree ("category");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_webhook_idx" ON "webhook_deliveries" USING btree ("webhook_id","created_at");--> statement-breakpoint
CREATE INDEX "webhooks_team_idx" ON "webhooks" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "credit_ledger_owner_idx" ON "credit_ledger" USING btree ("owner","created_at");--> statement-breakpoint
CREATE INDEX "credit_ledger_job_idx" ON "credit_ledger" USING btree ("job_id");--> statement-breakpoint
CREATE UNIQUE INDEX "usage_owner_period_key" ON "usage" USING btree ("owner","period");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("available_at") WHERE "outbox"."sent_at" is null;--> statement-breakpoint
CREATE INDEX "rate_limit_window_idx" ON "rate_limit_counters" USING btree ("window_start");