-- The staffing compliance page's county table and totals as roll-up lines (issue 11): besides
-- 0049's 'staffed', 'compliant', 'staff_findings' and 'staff_finding:<rule>', a live staffing row
-- adds the counts the page shows or filters by, so a city or province reads a page of county
-- paths and its own path instead of summing one staffing row per station:
--   'staff_warnings'      its warnings (certificates due within CERT_WARNING_DAYS);
--   'staff_flagged'       1 when it has a finding or a warning (只看有问题的);
--   'staff_cert_due'      1 when a worker has an R-STAFF-CERT3Y finding or warning (that rule's filter);
--   'staff_with:<rule>'   1 when it has a finding of that rule (the other rules' filter; R-STAFF-MIN
--                         is a finding exactly when too few qualified workers are on post).
-- Computed from the row alone, as 0049's lines, so the netted UPDATE subtracts what the old row added.
CREATE FUNCTION dashboard_staffing_count_measures(p_station uuid, p_scope text, p_live boolean, p_compliant boolean, p_findings jsonb,
  p_warnings integer, p_cert_issues integer)
RETURNS TABLE(scope_path text, station_id uuid, period text, measure text, value numeric) LANGUAGE sql IMMUTABLE AS $$
  SELECT p_scope, p_station, ''::text, v.measure, v.value
  FROM (
    SELECT 'staff_warnings', p_warnings::numeric
    UNION ALL SELECT 'staff_flagged', 1::numeric WHERE NOT p_compliant OR p_warnings > 0
    UNION ALL SELECT 'staff_cert_due', 1::numeric WHERE p_cert_issues > 0
    UNION ALL SELECT 'staff_with:' || f.key, 1::numeric FROM jsonb_each_text(p_findings) f WHERE f.value::numeric > 0
  ) AS v(measure, value)
  WHERE p_live AND v.value <> 0
$$;
--> statement-breakpoint
CREATE FUNCTION dashboard_staffing_measures(p_station uuid, p_scope text, p_live boolean, p_compliant boolean, p_findings jsonb,
  p_warnings integer, p_cert_issues integer)
RETURNS TABLE(scope_path text, station_id uuid, period text, measure text, value numeric) LANGUAGE sql IMMUTABLE AS $$
  SELECT * FROM dashboard_staffing_measures(p_station, p_scope, p_live, p_compliant, p_findings)
  UNION ALL
  SELECT * FROM dashboard_staffing_count_measures(p_station, p_scope, p_live, p_compliant, p_findings, p_warnings, p_cert_issues)
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
    ('dashboard_station_staffing', 'dashboard_staffing_measures(n.station_id, n.scope_path, n.live, n.compliant, n.findings, n.warnings, n.cert_issues)')
$$;
--> statement-breakpoint
-- The staffing rows' triggers take the call as their argument: made again with the new one (the
-- same dashboard_rollup_apply, so an UPDATE still moves only the netted lines).
DROP TRIGGER dashboard_station_staffing_rollup_ins ON dashboard_station_staffing;
--> statement-breakpoint
DROP TRIGGER dashboard_station_staffing_rollup_upd ON dashboard_station_staffing;
--> statement-breakpoint
DROP TRIGGER dashboard_station_staffing_rollup_del ON dashboard_station_staffing;
--> statement-breakpoint
DO $$
DECLARE s record;
BEGIN
  FOR s IN SELECT * FROM dashboard_rollup_sources() WHERE source = 'dashboard_station_staffing' LOOP
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
-- Backfill of the new lines only, in one grouped upsert over the staffing rows (one per station);
-- their tier-2 deltas go to pending and are folded here.
DO $$
BEGIN
  EXECUTE dashboard_rollup_upsert_sql('', 'dashboard_station_staffing',
    'dashboard_staffing_count_measures(n.station_id, n.scope_path, n.live, n.compliant, n.findings, n.warnings, n.cert_issues)');
END;
$$;
--> statement-breakpoint
SELECT dashboard_rollups_fold();
