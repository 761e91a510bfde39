-- Calendar report counts (issue 11): station and contract reports counted per county unit, due day
-- and state, so a city's or province's grouped calendar reads counties × days instead of every
-- report of its window. Kept by statement triggers on reports in the writes' transactions, netted:
-- an UPDATE adds its new rows and subtracts its old ones per key, and a key whose difference is
-- zero (an edit of the sections, a status change that keeps the first submission) writes nothing.
-- Only states that hold whatever the day are kept (done, late, pending); the reader derives
-- upcoming / overdue / expired of a pending one from its due day and today.
CREATE FUNCTION calendar_county_path(p_scope text, p_county text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN strpos(p_scope, '/' || p_county || '/') > 0
    THEN left(p_scope, strpos(p_scope, '/' || p_county || '/') + length(p_county) + 1) ELSE p_scope END
$$;
--> statement-breakpoint
-- The China calendar day of the first submission against the due day (reportTimeliness).
CREATE FUNCTION calendar_report_state(p_due date, p_first timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_first IS NULL THEN 'pending' WHEN (p_first AT TIME ZONE 'Asia/Shanghai')::date > p_due THEN 'late' ELSE 'done' END
$$;
--> statement-breakpoint
CREATE FUNCTION calendar_reports_to_counts() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO calendar_report_counts AS c (county_path, due_on, state, n)
    SELECT calendar_county_path(r.scope_path, r.county_code), r.due_on, calendar_report_state(r.due_on, r.first_submitted_at), count(*)::int
    FROM new_rows r WHERE r.kind <> 'district_annual'
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (county_path, due_on, state) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO calendar_report_counts AS c (county_path, due_on, state, n)
    SELECT calendar_county_path(r.scope_path, r.county_code), r.due_on, calendar_report_state(r.due_on, r.first_submitted_at), -count(*)::int
    FROM old_rows r WHERE r.kind <> 'district_annual'
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (county_path, due_on, state) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO calendar_report_counts AS c (county_path, due_on, state, n)
    SELECT calendar_county_path(d.scope_path, d.county_code), d.due_on, calendar_report_state(d.due_on, d.first_submitted_at), sum(d.sign)::int
    FROM (SELECT 1 AS sign, r.kind, r.scope_path, r.county_code, r.due_on, r.first_submitted_at FROM new_rows r
      UNION ALL SELECT -1, r.kind, r.scope_path, r.county_code, r.due_on, r.first_submitted_at FROM old_rows r) d
    WHERE d.kind <> 'district_annual'
    GROUP BY 1, 2, 3 HAVING sum(d.sign) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (county_path, due_on, state) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END;
$fn$;
--> statement-breakpoint
CREATE TRIGGER reports_calendar_counts_ins AFTER INSERT ON reports REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION calendar_reports_to_counts();
--> statement-breakpoint
CREATE TRIGGER reports_calendar_counts_upd AFTER UPDATE ON reports REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION calendar_reports_to_counts();
--> statement-breakpoint
CREATE TRIGGER reports_calendar_counts_del AFTER DELETE ON reports REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION calendar_reports_to_counts();
--> statement-breakpoint
-- Backfill, set-based: one grouped insert.
INSERT INTO calendar_report_counts (county_path, due_on, state, n)
SELECT calendar_county_path(scope_path, county_code), due_on, calendar_report_state(due_on, first_submitted_at), count(*)::int
FROM reports WHERE kind <> 'district_annual'
GROUP BY 1, 2, 3
ON CONFLICT (county_path, due_on, state) DO NOTHING;
