ALTER TABLE "projects" ADD COLUMN "spec_source" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "spec_format" text;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_spec_format" CHECK ("projects"."spec_format" in ('yaml', 'json'));--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_spec_source_with_format" CHECK (("projects"."spec_source" is null) = ("projects"."spec_format" is null));--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_spec_source_with_spec" CHECK ("projects"."spec_source" is null or "projects"."spec" is not null);--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_spec_source_len" CHECK (octet_length("projects"."spec_source") <= 1048576);