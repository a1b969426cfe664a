-- Rate-limit windows are short-lived counters: no write-ahead log for them (crash recovery empties
-- the table, which at worst forgets the current minute's counts). Requests never wait for a WAL flush.
ALTER TABLE "rate_limit_counters" SET UNLOGGED;
--> statement-breakpoint
-- Every new job event wakes the processes streaming it (GET /v1/jobs/:id/events): they LISTEN on
-- framecast_job_events and read the job's new rows at once instead of at the next poll. The payload
-- is the job id; NOTIFY is delivered at commit, so a woken reader always sees the row.
CREATE FUNCTION framecast_job_events_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('framecast_job_events', NEW.job_id::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER job_events_notify
AFTER INSERT ON job_events
FOR EACH ROW EXECUTE FUNCTION framecast_job_events_notify();
