-- What marks a station's staffing row stale (0018) missed two changes that alter a worker's
-- qualification elsewhere:
-- * a posting added, removed or re-dated changes the worker's first posting date (the three-year
--   certificate deadline of one qualified by training), so every station of the worker's postings
--   is marked, not only the posting's own;
-- * a certificate or training moved to another worker (worker_id updated) marks the stations of
--   the worker it left as well as those of the one it joined.
CREATE OR REPLACE FUNCTION dashboard_staffing_invalidate() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rows_name text := CASE WHEN TG_OP = 'DELETE' THEN 'old_rows' ELSE 'new_rows' END;
BEGIN
  IF TG_ARGV[0] = 'station' THEN
    EXECUTE format('UPDATE dashboard_station_staffing SET stale = true WHERE station_id IN (SELECT n.%I FROM %I n)', TG_ARGV[1], rows_name);
    IF TG_OP = 'UPDATE' THEN
      EXECUTE format('UPDATE dashboard_station_staffing SET stale = true WHERE station_id IN (SELECT n.%I FROM old_rows n)', TG_ARGV[1]);
    END IF;
  ELSE
    EXECUTE format('UPDATE dashboard_station_staffing SET stale = true WHERE station_id IN
      (SELECT p.station_id FROM postings p WHERE p.worker_id IN (SELECT n.%I FROM %I n))', TG_ARGV[1], rows_name);
    IF TG_OP = 'UPDATE' THEN
      EXECUTE format('UPDATE dashboard_station_staffing SET stale = true WHERE station_id IN
        (SELECT p.station_id FROM postings p WHERE p.worker_id IN (SELECT n.%I FROM old_rows n))', TG_ARGV[1]);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER postings_staffing_worker_ins AFTER INSERT ON postings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_staffing_invalidate('worker', 'worker_id');
--> statement-breakpoint
CREATE TRIGGER postings_staffing_worker_upd AFTER UPDATE ON postings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_staffing_invalidate('worker', 'worker_id');
--> statement-breakpoint
CREATE TRIGGER postings_staffing_worker_del AFTER DELETE ON postings REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_staffing_invalidate('worker', 'worker_id');
