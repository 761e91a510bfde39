ALTER TABLE "dashboard_rollup_pending" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "dashboard_rollup_pending_created_idx" ON "dashboard_rollup_pending" USING btree ("created_at");--> statement-breakpoint
-- Readers fold the pending tier-2 deltas (0038); without a view for a while the backlog grew with
-- every write and the next view folded it inside a GET. Now a write statement that finds a delta
-- older than five minutes folds the backlog too: one probe of the created_at index per statement,
-- a fold at most every five minutes of writes, and no writer waits (the fold's try-lock skips
-- while another folds). A view meets at most a few minutes of writes.
CREATE OR REPLACE FUNCTION dashboard_rollup_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    EXECUTE dashboard_rollup_net_upsert_sql(TG_ARGV[0]);
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE dashboard_rollup_upsert_sql('-', 'old_rows', TG_ARGV[0]);
  ELSE
    EXECUTE dashboard_rollup_upsert_sql('', 'new_rows', TG_ARGV[0]);
  END IF;
  IF coalesce(current_setting('sgz.rollup_rebuild', true), '') <> 'on'
    AND EXISTS (SELECT 1 FROM dashboard_rollup_pending WHERE created_at < now() - interval '5 minutes') THEN
    PERFORM dashboard_rollups_fold();
  END IF;
  RETURN NULL;
END;
$$;
