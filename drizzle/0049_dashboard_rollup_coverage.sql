-- Coverage and staffing as roll-up lines, so a city's or province's dashboard and the coverage card
-- read the rows of a few paths instead of one row per station and per town of the whole scope.
-- Three more sources of dashboard_rollup_sources(), each kept by the same statement-level triggers
-- as 0018's (tiers 0/1 by dashboard_rollup_apply, tier 2 by the ancestors trigger of 0038):
--   stations                    'stations' (not revoked), 'operating' at the station's path;
--   regions                     'towns' at a town's own path, station_id NULL (tier 0 only: the
--                               ancestors trigger carries it to the county, city and province as tier 2);
--   dashboard_station_staffing  'staffed', 'compliant', 'staff_findings', 'staff_finding:<rule>' while
--                               the row is live (its station not revoked when it was computed).
-- Every line is computed from the source row alone, so an update subtracts exactly what the old row
-- added: a station's status change marks its staffing row stale (0018's stations_staffing_upd), and
-- the refresh that recomputes it sets live; the staffing lines follow that row, not the station.

-- Staffing rows become a source: one per station, made by a trigger (no anti-join per request).
DELETE FROM dashboard_station_staffing d WHERE NOT EXISTS (SELECT 1 FROM stations s WHERE s.id = d.station_id);
--> statement-breakpoint
UPDATE dashboard_station_staffing d SET live = s.status <> 'revoked', scope_path = s.scope_path, stale = true
  FROM stations s WHERE s.id = d.station_id;
--> statement-breakpoint
INSERT INTO dashboard_station_staffing (station_id, scope_path, as_of, on_post, qualified, compliant, findings, stale, live)
  SELECT s.id, s.scope_path, (now() AT TIME ZONE 'Asia/Shanghai')::date, 0, 0, true, '{}'::jsonb, true, s.status <> 'revoked'
  FROM stations s WHERE NOT EXISTS (SELECT 1 FROM dashboard_station_staffing d WHERE d.station_id = s.id);
--> statement-breakpoint
-- Placeholder rows (stale, so computed before they are read) for new stations; a deleted station's row goes.
CREATE FUNCTION dashboard_staffing_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dashboard_station_staffing (station_id, scope_path, as_of, on_post, qualified, compliant, findings, stale, live)
      SELECT n.id, n.scope_path, (now() AT TIME ZONE 'Asia/Shanghai')::date, 0, 0, true, '{}'::jsonb, true, n.status <> 'revoked'
      FROM new_rows n ORDER BY n.id
      ON CONFLICT (station_id) DO NOTHING;
  ELSE
    DELETE FROM dashboard_station_staffing WHERE station_id IN (SELECT o.id FROM old_rows o);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER stations_staffing_row_ins AFTER INSERT ON stations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_staffing_rows();
--> statement-breakpoint
CREATE TRIGGER stations_staffing_row_del AFTER DELETE ON stations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_staffing_rows();
--> statement-breakpoint
CREATE FUNCTION dashboard_station_measures(p_station uuid, p_scope text, p_status text)
RETURNS TABLE(scope_path text, station_id uuid, period text, measure text, value numeric) LANGUAGE sql IMMUTABLE AS $$
  SELECT p_scope, p_station, ''::text, v.measure, 1::numeric
  FROM (SELECT 'stations' WHERE p_status <> 'revoked' UNION ALL SELECT 'operating' WHERE p_status = 'operating') AS v(measure)
$$;
--> statement-breakpoint
CREATE FUNCTION dashboard_region_measures(p_path text, p_level text)
RETURNS TABLE(scope_path text, station_id uuid, period text, measure text, value numeric) LANGUAGE sql IMMUTABLE AS $$
  SELECT p_path, NULL::uuid, ''::text, 'towns', 1::numeric WHERE p_level = 'town'
$$;
--> statement-breakpoint
CREATE FUNCTION dashboard_staffing_measures(p_station uuid, p_scope text, p_live boolean, p_compliant boolean, p_findings jsonb)
RETURNS TABLE(scope_path text, station_id uuid, period text, measure text, value numeric) LANGUAGE sql IMMUTABLE AS $$
  SELECT p_scope, p_station, ''::text, v.measure, v.value
  FROM (
    SELECT 'staffed', 1::numeric
    UNION ALL SELECT 'compliant', 1::numeric WHERE p_compliant
    UNION ALL SELECT 'staff_findings', coalesce((SELECT sum(f.value::numeric) FROM jsonb_each_text(p_findings) f), 0)
    UNION ALL SELECT 'staff_finding:' || f.key, f.value::numeric FROM jsonb_each_text(p_findings) f
  ) AS v(measure, value)
  WHERE p_live AND v.value <> 0
$$;
--> statement-breakpoint
-- An UPDATE moves only the lines that change: old and new lines netted in one statement, zero
-- nets skipped. Marking a staffing row stale (any posting or worker change) or a refresh that
-- finds the same figures then touches no roll-up row, so such a writer takes no county-row lock
-- while it goes on to lock further staffing rows (a refresh holding those waits for a county row).
CREATE FUNCTION dashboard_rollup_net_upsert_sql(call text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format('INSERT INTO dashboard_rollups AS r (tier, scope_path, station_id, period, measure, value)
    SELECT t.tier, CASE WHEN t.tier = 1 THEN regexp_replace(m.scope_path, ''[^/]+/$'', '''') ELSE m.scope_path END,
      CASE WHEN t.tier = 1 THEN NULL ELSE m.station_id END, m.period, m.measure, sum(m.sign * m.value)
    FROM (SELECT -1 AS sign, x.* FROM old_rows n CROSS JOIN LATERAL %1$s x
      UNION ALL SELECT 1 AS sign, x.* FROM new_rows n CROSS JOIN LATERAL %1$s x) m
    CROSS JOIN (VALUES (0::smallint), (1::smallint)) t(tier)
    WHERE m.scope_path IS NOT NULL AND (t.tier = 0 OR m.station_id IS NOT NULL)
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(m.sign * m.value) <> 0 ORDER BY 1, 2, 4, 5
    ON CONFLICT (tier, scope_path, period, measure) DO UPDATE SET value = r.value + excluded.value', call)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION dashboard_rollup_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    EXECUTE dashboard_rollup_net_upsert_sql(TG_ARGV[0]);
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE dashboard_rollup_upsert_sql('-', 'old_rows', TG_ARGV[0]);
  ELSE
    EXECUTE dashboard_rollup_upsert_sql('', 'new_rows', TG_ARGV[0]);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION dashboard_rollup_sources() RETURNS TABLE(source text, call text) LANGUAGE sql IMMUTABLE AS $$
  VALUES
    ('service_records', 'dashboard_service_record_measures(n.station_id, n.date, n.duration_minutes, n.domain, n.client_ids, n.volunteers, n.home_visit)'),
    ('clients', 'dashboard_client_measures(n.station_id, n.created_at, n.status, n.target_groups::text[])'),
    ('reports', 'dashboard_report_measures(n.station_id, n.scope_path, n.period_start, n.due_on, n.first_submitted_at)'),
    ('evaluations', 'dashboard_evaluation_measures(n.scope_path, n.year, n.status, n.grade)'),
    ('contract_spending', 'dashboard_spending_measures(n.station_id, n.spent_on, n.amount_fen)'),
    ('contract_payments', 'dashboard_payment_measures(n.contract_id, n.paid_on, n.amount_fen)'),
    ('station_budgets', 'dashboard_budget_measures(n.station_id, n.year, n.amount_fen)'),
    ('stations', 'dashboard_station_measures(n.id, n.scope_path, n.status::text)'),
    ('regions', 'dashboard_region_measures(n.path, n.level::text)'),
    ('dashboard_station_staffing', 'dashboard_staffing_measures(n.station_id, n.scope_path, n.live, n.compliant, n.findings)')
$$;
--> statement-breakpoint
DO $$
DECLARE s record;
BEGIN
  FOR s IN SELECT * FROM dashboard_rollup_sources() WHERE source IN ('stations', 'regions', 'dashboard_station_staffing') LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_rollup_apply(%L)',
      s.source || '_rollup_ins', s.source, s.call);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_rollup_apply(%L)',
      s.source || '_rollup_upd', s.source, s.call);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_rollup_apply(%L)',
      s.source || '_rollup_del', s.source, s.call);
  END LOOP;
END;
$$;
--> statement-breakpoint
-- 0028's places rebuild with the staffing rows kept (they are a source now, and nothing else would
-- make them again): orphans go, missing ones are made, all are marked stale so the next read
-- recomputes what data loaded with triggers off may have changed. The loop picks up the new sources.
CREATE OR REPLACE FUNCTION dashboard_rollups_rebuild_places() RETURNS void LANGUAGE plpgsql AS $$
DECLARE s record;
BEGIN
  -- (Aliases other than s, the loop's record.)
  DELETE FROM dashboard_station_staffing d WHERE NOT EXISTS (SELECT 1 FROM stations st WHERE st.id = d.station_id);
  UPDATE dashboard_station_staffing d SET stale = true, scope_path = st.scope_path FROM stations st
    WHERE st.id = d.station_id AND (NOT d.stale OR d.scope_path <> st.scope_path);
  INSERT INTO dashboard_station_staffing (station_id, scope_path, as_of, on_post, qualified, compliant, findings, stale, live)
    SELECT st.id, st.scope_path, (now() AT TIME ZONE 'Asia/Shanghai')::date, 0, 0, true, '{}'::jsonb, true, st.status <> 'revoked'
    FROM stations st WHERE NOT EXISTS (SELECT 1 FROM dashboard_station_staffing d WHERE d.station_id = st.id);
  -- The statements above moved lines through the triggers; the rebuild starts from nothing anyway.
  DELETE FROM dashboard_rollups;
  -- Mirrors dashboard_service_record_measures (0018): same measures, same period (to_char of the date).
  INSERT INTO dashboard_rollups AS r (tier, scope_path, station_id, period, measure, value)
  SELECT t.tier, CASE WHEN t.tier = 1 THEN regexp_replace(st.scope_path, '[^/]+/$', '') ELSE st.scope_path END,
    CASE WHEN t.tier = 1 THEN NULL ELSE st.id END, g.period, v.measure, sum(v.value)
  FROM (
    SELECT sr.station_id, to_char(sr.date, 'YYYY-MM') AS period, sr.domain, count(*)::numeric AS records,
      sum(sr.duration_minutes)::numeric AS minutes, count(*) FILTER (WHERE sr.home_visit)::numeric AS home_visits,
      sum(cardinality(sr.client_ids))::numeric AS persons, sum(jsonb_array_length(sr.volunteers))::numeric AS volunteer_times,
      sum(CASE WHEN sr.volunteers = '[]'::jsonb THEN 0
        ELSE coalesce((SELECT sum((e ->> 'hours')::numeric) FROM jsonb_array_elements(sr.volunteers) e), 0) END) AS volunteer_hours
    FROM service_records sr GROUP BY 1, 2, 3
  ) g
  JOIN stations st ON st.id = g.station_id
  CROSS JOIN LATERAL (VALUES
    ('records', g.records),
    ('minutes', g.minutes),
    ('home_visits', g.home_visits),
    ('persons', g.persons),
    ('domain_records:' || g.domain, g.records),
    ('domain_persons:' || g.domain, g.persons),
    ('volunteer_times', g.volunteer_times),
    ('volunteer_hours', g.volunteer_hours)
  ) AS v(measure, value)
  CROSS JOIN (VALUES (0::smallint), (1::smallint)) t(tier)
  WHERE st.scope_path IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 4, 5
  ON CONFLICT (tier, scope_path, period, measure) DO UPDATE SET value = r.value + excluded.value;
  FOR s IN SELECT * FROM dashboard_rollup_sources() WHERE source <> 'service_records' LOOP
    EXECUTE dashboard_rollup_upsert_sql('', s.source, s.call);
  END LOOP;
END;
$$;
--> statement-breakpoint
-- Backfill of the new lines only (not dashboard_rollups_rebuild(), which rereads every service
-- record): one upsert per source over stations, towns and staffing rows — a few thousand rows at
-- province size, well under a second; their tier-2 deltas go to pending and are folded here.
DO $$
DECLARE s record;
BEGIN
  FOR s IN SELECT * FROM dashboard_rollup_sources() WHERE source IN ('stations', 'regions', 'dashboard_station_staffing') LOOP
    EXECUTE dashboard_rollup_upsert_sql('', s.source, s.call);
  END LOOP;
END;
$$;
--> statement-breakpoint
SELECT dashboard_rollups_fold();
