-- Tier 1: every station line is also summed at the station's county (the parent of its town's
-- path), so a city or province dashboard reads one row per county, month and measure instead of
-- one per station. A county's row is shared by its own stations' writers only.
-- Clients are counted undated (period ''): a register total, not one row per month since 2021.

CREATE OR REPLACE FUNCTION dashboard_client_measures(p_station uuid, p_created timestamptz, p_status text, p_groups text[])
RETURNS TABLE(scope_path text, station_id uuid, period text, measure text, value numeric) LANGUAGE sql STABLE AS $$
  SELECT s.scope_path, s.id, ''::text, v.measure, 1::numeric
  FROM stations s CROSS JOIN LATERAL (
    SELECT 'clients' UNION ALL SELECT 'clients_status:' || p_status UNION ALL SELECT 'target_group:' || g FROM unnest(p_groups) g
  ) AS v(measure)
  WHERE s.id = p_station
$$;
--> statement-breakpoint
-- The lines of a set of source rows at both tiers; %1$s is the sign, %2$s the rows, %3$s the measures call.
CREATE OR REPLACE FUNCTION dashboard_rollup_upsert_sql(sign text, rows_name text, call text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format('INSERT INTO dashboard_rollups AS r (tier, scope_path, station_id, period, measure, value)
    SELECT t.tier, CASE WHEN t.tier = 1 THEN regexp_replace(m.scope_path, ''[^/]+/$'', '''') ELSE m.scope_path END,
      CASE WHEN t.tier = 1 THEN NULL ELSE m.station_id END, m.period, m.measure, %s sum(m.value)
    FROM %I n CROSS JOIN LATERAL %s m CROSS JOIN (VALUES (0::smallint), (1::smallint)) t(tier)
    WHERE m.scope_path IS NOT NULL AND (t.tier = 0 OR m.station_id IS NOT NULL)
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 4, 5
    ON CONFLICT (tier, scope_path, period, measure) DO UPDATE SET value = r.value + excluded.value', sign, rows_name, call)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION dashboard_rollup_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    EXECUTE dashboard_rollup_upsert_sql('-', 'old_rows', TG_ARGV[0]);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE dashboard_rollup_upsert_sql('', 'new_rows', TG_ARGV[0]);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION dashboard_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE s record;
BEGIN
  DELETE FROM dashboard_rollups;
  DELETE FROM dashboard_station_staffing;
  FOR s IN SELECT * FROM dashboard_rollup_sources() LOOP
    EXECUTE dashboard_rollup_upsert_sql('', s.source, s.call);
  END LOOP;
END;
$$;
--> statement-breakpoint
SELECT dashboard_rollups_rebuild();
