-- Tier 2: every region above a county holds the sum of everything beneath it, so a city's or a
-- province's dashboard reads the rows of its own path, not one row set per county.
-- Writers do not update these shared rows (every write in a province would queue on them): a
-- change of a county line (tier 1) or of a county-level line (tier 0 without a station) appends
-- its delta for each ancestor to dashboard_rollup_pending; dashboard_rollups_fold() moves the
-- deltas into tier 2, one folder at a time; readers add what is still pending for their path.

-- The paths strictly above p: '/37/3710/371002/' → '/37/', '/37/3710/'.
CREATE FUNCTION dashboard_path_ancestors(p text) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
  SELECT '/' || array_to_string(a[1:k], '/') || '/'
  FROM string_to_array(trim(both '/' from p), '/') AS a, generate_series(1, cardinality(a) - 1) AS k
$$;
--> statement-breakpoint
CREATE FUNCTION dashboard_rollup_ancestors() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r dashboard_rollups;
  delta numeric;
BEGIN
  IF coalesce(current_setting('sgz.rollup_rebuild', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    r := OLD;
    delta := -OLD.value;
  ELSIF TG_OP = 'INSERT' THEN
    r := NEW;
    delta := NEW.value;
  ELSE
    r := NEW;
    delta := NEW.value - OLD.value;
  END IF;
  IF delta = 0 OR NOT (r.tier = 1 OR (r.tier = 0 AND r.station_id IS NULL)) THEN
    RETURN NULL;
  END IF;
  INSERT INTO dashboard_rollup_pending (scope_path, period, measure, value)
    SELECT a, r.period, r.measure, delta FROM dashboard_path_ancestors(r.scope_path) AS a;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER dashboard_rollups_ancestors AFTER INSERT OR UPDATE OR DELETE ON dashboard_rollups
  FOR EACH ROW EXECUTE FUNCTION dashboard_rollup_ancestors();
--> statement-breakpoint
-- Moves the pending deltas into tier 2. A concurrent fold returns at once (its caller reads the
-- pending rows as well, so nothing is missed); rows appended by uncommitted writers stay pending.
CREATE FUNCTION dashboard_rollups_fold() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('dashboard_rollups_fold')) THEN
    RETURN;
  END IF;
  WITH d AS (DELETE FROM dashboard_rollup_pending RETURNING scope_path, period, measure, value)
  INSERT INTO dashboard_rollups AS r (tier, scope_path, station_id, period, measure, value)
    SELECT 2, d.scope_path, NULL, d.period, d.measure, sum(d.value) FROM d
    GROUP BY d.scope_path, d.period, d.measure ORDER BY 2, 4, 5
  ON CONFLICT (tier, scope_path, period, measure) DO UPDATE SET value = r.value + excluded.value;
END;
$$;
--> statement-breakpoint
-- Tier 2 from the county lines at once (no pending deltas while the places are rebuilt).
CREATE FUNCTION dashboard_rollups_rebuild_ancestors() RETURNS void LANGUAGE sql AS $$
  DELETE FROM dashboard_rollup_pending;
  DELETE FROM dashboard_rollups WHERE tier = 2;
  INSERT INTO dashboard_rollups (tier, scope_path, station_id, period, measure, value)
    SELECT 2, a, NULL, r.period, r.measure, sum(r.value)
    FROM dashboard_rollups r CROSS JOIN LATERAL dashboard_path_ancestors(r.scope_path) AS a
    WHERE r.tier = 1 OR (r.tier = 0 AND r.station_id IS NULL)
    GROUP BY 2, 4, 5;
$$;
--> statement-breakpoint
ALTER FUNCTION dashboard_rollups_rebuild() RENAME TO dashboard_rollups_rebuild_places;
--> statement-breakpoint
CREATE FUNCTION dashboard_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('sgz.rollup_rebuild', 'on', true);
  PERFORM dashboard_rollups_rebuild_places();
  PERFORM dashboard_rollups_rebuild_ancestors();
  PERFORM set_config('sgz.rollup_rebuild', 'off', true);
END;
$$;
--> statement-breakpoint
-- Backfill: tier 2 is written and removed without deltas (the trigger ignores tier 2).
SELECT dashboard_rollups_rebuild_ancestors();
