CREATE TABLE "render_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job_id" uuid NOT NULL,
	"scene_id" text NOT NULL,
	"backend" text NOT NULL,
	"request_id" text,
	"status" text DEFAULT 'submitting' NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"result" jsonb,
	"clip_key" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "render_requests_status" CHECK ("render_requests"."status" in ('submitting', 'submitted', 'completed', 'failed', 'canceled'))
);
--> statement-breakpoint
ALTER TABLE "render_requests" ADD CONSTRAINT "render_requests_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "render_requests_job_scene_key" ON "render_requests" USING btree ("job_id","scene_id");--> statement-breakpoint
CREATE INDEX "render_requests_request_idx" ON "render_requests" USING btree ("backend","request_id");--> statement-breakpoint
CREATE TRIGGER render_requests_updated_at BEFORE UPDATE ON render_requests
FOR EACH ROW EXECUTE FUNCTION framecast_set_updated_at();
