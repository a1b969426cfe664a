ALTER TABLE "render_requests" ADD COLUMN "result" jsonb;--> statement-breakpoint
CREATE TRIGGER render_requests_updated_at BEFORE UPDATE ON render_requests
FOR EACH ROW EXECUTE FUNCTION framecast_set_updated_at();
