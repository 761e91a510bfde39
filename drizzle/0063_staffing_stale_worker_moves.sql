-- What marks a station's staffing row stale (0018) missed two changes that alter a worker's
-- qualification elsewhere, and marked rows in no fixed order:
-- * a posting added, removed or changed marks its station and every station of its worker (the
--   worker's first posting date moves a training-qualified worker's certificate deadline);
-- * a certificate, training or posting moved to another worker (worker_id updated) marks the
--   stations of the worker it left as well as those of the one it joined;
-- * every change marks its rows in one statement that locks them in station order, the order a
--   refresh locks them in (SELECT … ORDER BY station_id FOR UPDATE): the two cannot deadlock.
CREATE OR REPLACE FUNCTION dashboard_staffing_invalidate() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text := CASE TG_OP WHEN 'INSERT' THEN 'SELECT * FROM new_rows' WHEN 'DELETE' THEN 'SELECT * FROM old_rows'
    ELSE 'SELECT * FROM new_rows UNION ALL SELECT * FROM old_rows' END;
  marked text := CASE TG_ARGV[0]
    WHEN 'station' THEN format('SELECT r.%I FROM (%s) r', TG_ARGV[1], changed)
    WHEN 'worker' THEN format('SELECT p.station_id FROM postings p WHERE p.worker_id IN (SELECT r.%I FROM (%s) r)', TG_ARGV[1], changed)
    ELSE format('SELECT r.station_id FROM (%s) r UNION SELECT p.station_id FROM postings p WHERE p.worker_id IN (SELECT r.worker_id FROM (%s) r)', changed, changed) END;
BEGIN
  EXECUTE format('UPDATE dashboard_station_staffing d SET stale = true
    FROM (SELECT station_id FROM dashboard_station_staffing WHERE station_id IN (%s) ORDER BY station_id FOR UPDATE) l
    WHERE d.station_id = l.station_id', marked);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER postings_staffing_ins ON postings;
--> statement-breakpoint
DROP TRIGGER postings_staffing_upd ON postings;
--> statement-breakpoint
DROP TRIGGER postings_staffing_del ON postings;
--> statement-breakpoint
CREATE TRIGGER postings_staffing_ins AFTER INSERT ON postings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_staffing_invalidate('posting', '');
--> statement-breakpoint
CREATE TRIGGER postings_staffing_upd AFTER UPDATE ON postings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_staffing_invalidate('posting', '');
--> statement-breakpoint
CREATE TRIGGER postings_staffing_del AFTER DELETE ON postings REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_staffing_invalidate('posting', '');
