-- County funding lines (issue 11): the station roll-up (0042) summed per county unit and year over
-- the live stations, so the funding overview's totals, county page and chart and the public summary
-- read one row per county unit instead of one per station. Kept by statement triggers in the
-- writes' transactions, netted (an UPDATE adds new minus old, a zero difference writes nothing):
--   * a roll-up row written, rewritten or deleted moves its station's county line, if the station is live;
--   * a station inserted, deleted, revoked, reinstated or moved (scope path) takes its roll-up rows
--     off its old line and onto its new one, and its count off and onto funding_county_stations.
-- Revoked stations' figures stay out of the lines, as the per-station read left them out.
-- The station trigger takes the funding lock (funding.repo.ts PUBLIC_SUMMARY_LOCK) that every roll-up
-- write takes first, so it reads the roll-up rows a concurrent funding write commits, and that write,
-- waiting on the lock, sees the station's new status.
CREATE FUNCTION funding_county_path(p_scope text, p_town text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT left(p_scope, length(p_scope) - length(p_town) - 1)
$$;
--> statement-breakpoint
CREATE FUNCTION funding_rollups_to_lines() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  src text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM old_rows'
    ELSE 'SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1, * FROM old_rows' END;
BEGIN
  EXECUTE format($q$
    INSERT INTO funding_county_lines AS l (year, county_path, b_province, b_city, b_county, b_social, s_staff, s_activities, s_training, s_office, s_publicity, s_other, budget_fen, spent_fen, paid_fen)
    SELECT d.year, funding_county_path(s.scope_path, s.town_code),
      sum(d.sign * d.b_province)::bigint,
      sum(d.sign * d.b_city)::bigint,
      sum(d.sign * d.b_county)::bigint,
      sum(d.sign * d.b_social)::bigint,
      sum(d.sign * d.s_staff)::bigint,
      sum(d.sign * d.s_activities)::bigint,
      sum(d.sign * d.s_training)::bigint,
      sum(d.sign * d.s_office)::bigint,
      sum(d.sign * d.s_publicity)::bigint,
      sum(d.sign * d.s_other)::bigint,
      sum(d.sign * d.budget_fen)::bigint,
      sum(d.sign * d.spent_fen)::bigint,
      sum(d.sign * d.paid_fen)::bigint
    FROM (%s) d JOIN stations s ON s.id = d.station_id AND s.status <> 'revoked'
    GROUP BY 1, 2
    HAVING sum(d.sign * d.b_province) <> 0 OR sum(d.sign * d.b_city) <> 0 OR sum(d.sign * d.b_county) <> 0 OR sum(d.sign * d.b_social) <> 0 OR sum(d.sign * d.s_staff) <> 0 OR sum(d.sign * d.s_activities) <> 0 OR sum(d.sign * d.s_training) <> 0 OR sum(d.sign * d.s_office) <> 0 OR sum(d.sign * d.s_publicity) <> 0 OR sum(d.sign * d.s_other) <> 0 OR sum(d.sign * d.budget_fen) <> 0 OR sum(d.sign * d.spent_fen) <> 0 OR sum(d.sign * d.paid_fen) <> 0
    ORDER BY 1, 2
    ON CONFLICT (year, county_path) DO UPDATE SET
      b_province = l.b_province + excluded.b_province,
      b_city = l.b_city + excluded.b_city,
      b_county = l.b_county + excluded.b_county,
      b_social = l.b_social + excluded.b_social,
      s_staff = l.s_staff + excluded.s_staff,
      s_activities = l.s_activities + excluded.s_activities,
      s_training = l.s_training + excluded.s_training,
      s_office = l.s_office + excluded.s_office,
      s_publicity = l.s_publicity + excluded.s_publicity,
      s_other = l.s_other + excluded.s_other,
      budget_fen = l.budget_fen + excluded.budget_fen,
      spent_fen = l.spent_fen + excluded.spent_fen,
      paid_fen = l.paid_fen + excluded.paid_fen$q$, src);
  RETURN NULL;
END;
$fn$;
--> statement-breakpoint
CREATE TRIGGER station_funding_rollups_lines_ins AFTER INSERT ON station_funding_rollups REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION funding_rollups_to_lines();
--> statement-breakpoint
CREATE TRIGGER station_funding_rollups_lines_upd AFTER UPDATE ON station_funding_rollups REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION funding_rollups_to_lines();
--> statement-breakpoint
CREATE TRIGGER station_funding_rollups_lines_del AFTER DELETE ON station_funding_rollups REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION funding_rollups_to_lines();
--> statement-breakpoint
CREATE FUNCTION funding_stations_to_lines() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  -- Where each touched station counts: +1 on its new line when live, -1 on its old one when it was;
  -- an UPDATE that keeps a station's status class and county path moves nothing.
  placed text := CASE TG_OP
    WHEN 'INSERT' THEN $p$SELECT n.id AS station_id, funding_county_path(n.scope_path, n.town_code) AS county_path, 1 AS sign
      FROM new_rows n WHERE n.status <> 'revoked'$p$
    WHEN 'DELETE' THEN $p$SELECT o.id AS station_id, funding_county_path(o.scope_path, o.town_code) AS county_path, -1 AS sign
      FROM old_rows o WHERE o.status <> 'revoked'$p$
    ELSE $p$SELECT x.station_id, x.county_path, x.sign FROM new_rows n JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL (VALUES
        (n.id, funding_county_path(n.scope_path, n.town_code), 1, n.status <> 'revoked'),
        (o.id, funding_county_path(o.scope_path, o.town_code), -1, o.status <> 'revoked')
      ) AS x(station_id, county_path, sign, live)
      WHERE x.live AND ((n.status <> 'revoked') IS DISTINCT FROM (o.status <> 'revoked')
        OR funding_county_path(n.scope_path, n.town_code) IS DISTINCT FROM funding_county_path(o.scope_path, o.town_code))$p$ END;
  moved boolean;
BEGIN
  EXECUTE format('SELECT EXISTS (%s)', placed) INTO moved;
  IF NOT moved THEN RETURN NULL; END IF;
  PERFORM pg_advisory_xact_lock(1397185094);
  EXECUTE format($q$
    INSERT INTO funding_county_stations AS c (county_path, stations)
    SELECT p.county_path, sum(p.sign)::int FROM (%s) p
    GROUP BY 1 HAVING sum(p.sign) <> 0 ORDER BY 1
    ON CONFLICT (county_path) DO UPDATE SET stations = c.stations + excluded.stations$q$, placed);
  EXECUTE format($q$
    INSERT INTO funding_county_lines AS l (year, county_path, b_province, b_city, b_county, b_social, s_staff, s_activities, s_training, s_office, s_publicity, s_other, budget_fen, spent_fen, paid_fen)
    SELECT r.year, p.county_path,
      sum(p.sign * r.b_province)::bigint,
      sum(p.sign * r.b_city)::bigint,
      sum(p.sign * r.b_county)::bigint,
      sum(p.sign * r.b_social)::bigint,
      sum(p.sign * r.s_staff)::bigint,
      sum(p.sign * r.s_activities)::bigint,
      sum(p.sign * r.s_training)::bigint,
      sum(p.sign * r.s_office)::bigint,
      sum(p.sign * r.s_publicity)::bigint,
      sum(p.sign * r.s_other)::bigint,
      sum(p.sign * r.budget_fen)::bigint,
      sum(p.sign * r.spent_fen)::bigint,
      sum(p.sign * r.paid_fen)::bigint
    FROM (%s) p JOIN station_funding_rollups r ON r.station_id = p.station_id
    GROUP BY 1, 2
    HAVING sum(p.sign * r.b_province) <> 0 OR sum(p.sign * r.b_city) <> 0 OR sum(p.sign * r.b_county) <> 0 OR sum(p.sign * r.b_social) <> 0 OR sum(p.sign * r.s_staff) <> 0 OR sum(p.sign * r.s_activities) <> 0 OR sum(p.sign * r.s_training) <> 0 OR sum(p.sign * r.s_office) <> 0 OR sum(p.sign * r.s_publicity) <> 0 OR sum(p.sign * r.s_other) <> 0 OR sum(p.sign * r.budget_fen) <> 0 OR sum(p.sign * r.spent_fen) <> 0 OR sum(p.sign * r.paid_fen) <> 0
    ORDER BY 1, 2
    ON CONFLICT (year, county_path) DO UPDATE SET
      b_province = l.b_province + excluded.b_province,
      b_city = l.b_city + excluded.b_city,
      b_county = l.b_county + excluded.b_county,
      b_social = l.b_social + excluded.b_social,
      s_staff = l.s_staff + excluded.s_staff,
      s_activities = l.s_activities + excluded.s_activities,
      s_training = l.s_training + excluded.s_training,
      s_office = l.s_office + excluded.s_office,
      s_publicity = l.s_publicity + excluded.s_publicity,
      s_other = l.s_other + excluded.s_other,
      budget_fen = l.budget_fen + excluded.budget_fen,
      spent_fen = l.spent_fen + excluded.spent_fen,
      paid_fen = l.paid_fen + excluded.paid_fen$q$, placed);
  RETURN NULL;
END;
$fn$;
--> statement-breakpoint
CREATE TRIGGER stations_funding_lines_ins AFTER INSERT ON stations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION funding_stations_to_lines();
--> statement-breakpoint
CREATE TRIGGER stations_funding_lines_upd AFTER UPDATE ON stations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION funding_stations_to_lines();
--> statement-breakpoint
CREATE TRIGGER stations_funding_lines_del AFTER DELETE ON stations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION funding_stations_to_lines();
--> statement-breakpoint
-- Backfill, set-based: one grouped insert per table.
INSERT INTO funding_county_stations (county_path, stations)
SELECT funding_county_path(scope_path, town_code), count(*)::int FROM stations WHERE status <> 'revoked' GROUP BY 1
ON CONFLICT (county_path) DO NOTHING;
--> statement-breakpoint
INSERT INTO funding_county_lines (year, county_path, b_province, b_city, b_county, b_social, s_staff, s_activities, s_training, s_office, s_publicity, s_other, budget_fen, spent_fen, paid_fen)
SELECT r.year, funding_county_path(s.scope_path, s.town_code),
  sum(r.b_province)::bigint, sum(r.b_city)::bigint, sum(r.b_county)::bigint, sum(r.b_social)::bigint, sum(r.s_staff)::bigint, sum(r.s_activities)::bigint, sum(r.s_training)::bigint, sum(r.s_office)::bigint, sum(r.s_publicity)::bigint, sum(r.s_other)::bigint, sum(r.budget_fen)::bigint, sum(r.spent_fen)::bigint, sum(r.paid_fen)::bigint
FROM station_funding_rollups r JOIN stations s ON s.id = r.station_id AND s.status <> 'revoked'
GROUP BY 1, 2
ON CONFLICT (year, county_path) DO NOTHING;
