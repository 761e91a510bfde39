-- dashboard_rollups_rebuild(), set-based for the big source: service records are first summed per
-- station, month and domain (every measure of a record is a sum of per-row terms), then spread into
-- their measures at both tiers, one INSERT … SELECT … GROUP BY. The per-row measures call of 0022
-- took 29.5 s for 1M records (about 10 minutes at 20M); this takes about 2 s per million.
-- The smaller sources keep their measures call (one definition with the triggers). The triggers'
-- own measures are unchanged: dashboards.routes.test.ts compares a rebuild with what they kept.
CREATE OR REPLACE FUNCTION dashboard_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE s record;
BEGIN
  DELETE FROM dashboard_rollups;
  DELETE FROM dashboard_station_staffing;
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
