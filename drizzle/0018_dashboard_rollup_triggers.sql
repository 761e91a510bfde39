-- Dashboard roll-ups (驾驶舱) kept in the same transaction as every write to their sources.
-- Each source has a measures function: one source row → its (place, period, measure, value)
-- lines. Statement-level triggers with transition tables add the new rows' lines and subtract
-- the old rows' lines, aggregated per statement, so a bulk insert of thousands of rows costs one
-- upsert per touched (place, month, measure), and an edit or delete moves exactly its own lines.
-- Periods are China calendar months ('YYYY-MM'), years ('YYYY') or '' (undated).

CREATE FUNCTION dashboard_service_record_measures(p_station uuid, p_date date, p_minutes integer, p_domain text,
  p_clients uuid[], p_volunteers jsonb, p_home boolean)
RETURNS TABLE(scope_path text, station_id uuid, period text, measure text, value numeric) LANGUAGE sql STABLE AS $$
  SELECT s.scope_path, s.id, to_char(p_date, 'YYYY-MM'), v.measure, v.value
  FROM stations s CROSS JOIN LATERAL (VALUES
    ('records', 1::numeric),
    ('minutes', p_minutes::numeric),
    ('home_visits', CASE WHEN p_home THEN 1 ELSE 0 END::numeric),
    ('persons', cardinality(p_clients)::numeric),
    ('domain_records:' || p_domain, 1::numeric),
    ('domain_persons:' || p_domain, cardinality(p_clients)::numeric),
    ('volunteer_times', jsonb_array_length(p_volunteers)::numeric),
    ('volunteer_hours', coalesce((SELECT sum((e ->> 'hours')::numeric) FROM jsonb_array_elements(p_volunteers) e), 0))
  ) AS v(measure, value)
  WHERE s.id = p_station
$$;
--> statement-breakpoint
-- Clients count by the month they were registered (China time); the total is the sum over months.
CREATE FUNCTION dashboard_client_measures(p_station uuid, p_created timestamptz, p_status text, p_groups text[])
RETURNS TABLE(scope_path text, station_id uuid, period text, measure text, value numeric) LANGUAGE sql STABLE AS $$
  SELECT s.scope_path, s.id, to_char(p_created AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), v.measure, 1::numeric
  FROM stations s CROSS JOIN LATERAL (
    SELECT 'clients' UNION ALL SELECT 'clients_status:' || p_status UNION ALL SELECT 'target_group:' || g FROM unnest(p_groups) g
  ) AS v(measure)
  WHERE s.id = p_station
$$;
--> statement-breakpoint
-- Reports by the month their period starts (the reports list's year filter); an unsubmitted one
-- carries its due day in the measure so "overdue today" stays exact without a daily job.
CREATE FUNCTION dashboard_report_measures(p_station uuid, p_scope text, p_period_start date, p_due date, p_first timestamptz)
RETURNS TABLE(scope_path text, station_id uuid, period text, measure text, value numeric) LANGUAGE sql STABLE AS $$
  SELECT coalesce(s.scope_path, p_scope), s.id, to_char(p_period_start, 'YYYY-MM'), v.measure, 1::numeric
  FROM (SELECT 1) one LEFT JOIN stations s ON s.id = p_station CROSS JOIN LATERAL (
    SELECT 'reports' UNION ALL
    SELECT CASE
      WHEN p_first IS NULL THEN 'reports_open_due:' || to_char(p_due, 'YYYY-MM-DD')
      WHEN (p_first AT TIME ZONE 'Asia/Shanghai')::date <= p_due THEN 'reports_on_time'
      ELSE 'reports_late' END
  ) AS v(measure)
$$;
--> statement-breakpoint
CREATE FUNCTION dashboard_evaluation_measures(p_scope text, p_year integer, p_status text, p_grade text)
RETURNS TABLE(scope_path text, station_id uuid, period text, measure text, value numeric) LANGUAGE sql IMMUTABLE AS $$
  SELECT p_scope, NULL::uuid, p_year::text, 'grade:' || p_grade, 1::numeric WHERE p_status = 'finished' AND p_grade IS NOT NULL
$$;
--> statement-breakpoint
CREATE FUNCTION dashboard_spending_measures(p_station uuid, p_spent date, p_amount bigint)
RETURNS TABLE(scope_path text, station_id uuid, period text, measure text, value numeric) LANGUAGE sql STABLE AS $$
  SELECT s.scope_path, s.id, to_char(p_spent, 'YYYY-MM'), 'spent_fen', p_amount::numeric FROM stations s WHERE s.id = p_station
$$;
--> statement-breakpoint
CREATE FUNCTION dashboard_payment_measures(p_contract uuid, p_paid date, p_amount bigint)
RETURNS TABLE(scope_path text, station_id uuid, period text, measure text, value numeric) LANGUAGE sql STABLE AS $$
  SELECT k.scope_path, NULL::uuid, to_char(p_paid, 'YYYY-MM'), 'paid_fen', p_amount::numeric FROM contracts k WHERE k.id = p_contract
$$;
--> statement-breakpoint
CREATE FUNCTION dashboard_budget_measures(p_station uuid, p_year integer, p_amount bigint)
RETURNS TABLE(scope_path text, station_id uuid, period text, measure text, value numeric) LANGUAGE sql STABLE AS $$
  SELECT s.scope_path, s.id, p_year::text, 'budget_fen', p_amount::numeric FROM stations s WHERE s.id = p_station
$$;
--> statement-breakpoint
-- TG_ARGV[0]: the measures call over the transition row "n". Dynamic SQL sees the transition tables.
CREATE FUNCTION dashboard_rollup_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  upsert constant text := 'INSERT INTO dashboard_rollups AS r (scope_path, station_id, period, measure, value)
    SELECT m.scope_path, m.station_id, m.period, m.measure, %s sum(m.value) FROM %I n CROSS JOIN LATERAL %s m
    WHERE m.scope_path IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 3, 4
    ON CONFLICT (scope_path, period, measure) DO UPDATE SET value = r.value + excluded.value';
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    EXECUTE format(upsert, '-', 'old_rows', TG_ARGV[0]);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE format(upsert, '', 'new_rows', TG_ARGV[0]);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- The sources and their measures calls: the triggers below and dashboard_rollups_rebuild() use the same list.
CREATE FUNCTION dashboard_rollup_sources() RETURNS TABLE(source text, call text) LANGUAGE sql IMMUTABLE AS $$
  VALUES
    ('service_records', 'dashboard_service_record_measures(n.station_id, n.date, n.duration_minutes, n.domain, n.client_ids, n.volunteers, n.home_visit)'),
    ('clients', 'dashboard_client_measures(n.station_id, n.created_at, n.status, n.target_groups::text[])'),
    ('reports', 'dashboard_report_measures(n.station_id, n.scope_path, n.period_start, n.due_on, n.first_submitted_at)'),
    ('evaluations', 'dashboard_evaluation_measures(n.scope_path, n.year, n.status, n.grade)'),
    ('contract_spending', 'dashboard_spending_measures(n.station_id, n.spent_on, n.amount_fen)'),
    ('contract_payments', 'dashboard_payment_measures(n.contract_id, n.paid_on, n.amount_fen)'),
    ('station_budgets', 'dashboard_budget_measures(n.station_id, n.year, n.amount_fen)')
$$;
--> statement-breakpoint
DO $$
DECLARE s record;
BEGIN
  FOR s IN SELECT * FROM dashboard_rollup_sources() LOOP
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
-- Staffing compliance is computed by the server per day (the rules are code); any change to what
-- it reads marks the stations' rows stale. The UPDATE waits for a refresh holding those rows
-- (SELECT … FOR UPDATE) and a refresh waits for it, so a change is never lost between the two.
CREATE FUNCTION dashboard_staffing_invalidate() RETURNS trigger LANGUAGE plpgsql AS $$
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
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DO $$
DECLARE s record;
BEGIN
  FOR s IN SELECT * FROM (VALUES ('postings', 'station', 'station_id'), ('stations', 'station', 'id'),
      ('social_workers', 'worker', 'id'), ('worker_certificates', 'worker', 'worker_id'), ('worker_trainings', 'worker', 'worker_id')) v(tbl, kind, col) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_staffing_invalidate(%L, %L)',
      s.tbl || '_staffing_ins', s.tbl, s.kind, s.col);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_staffing_invalidate(%L, %L)',
      s.tbl || '_staffing_upd', s.tbl, s.kind, s.col);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_staffing_invalidate(%L, %L)',
      s.tbl || '_staffing_del', s.tbl, s.kind, s.col);
  END LOOP;
END;
$$;
--> statement-breakpoint
-- Recomputes every roll-up from the sources: for data loaded with triggers off, and the backfill here.
CREATE FUNCTION dashboard_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE s record;
BEGIN
  DELETE FROM dashboard_rollups;
  DELETE FROM dashboard_station_staffing;
  FOR s IN SELECT * FROM dashboard_rollup_sources() LOOP
    EXECUTE format('INSERT INTO dashboard_rollups AS r (scope_path, station_id, period, measure, value)
      SELECT m.scope_path, m.station_id, m.period, m.measure, sum(m.value) FROM %I n CROSS JOIN LATERAL %s m
      WHERE m.scope_path IS NOT NULL GROUP BY 1, 2, 3, 4
      ON CONFLICT (scope_path, period, measure) DO UPDATE SET value = r.value + excluded.value', s.source, s.call);
  END LOOP;
END;
$$;
--> statement-breakpoint
SELECT dashboard_rollups_rebuild();
