-- Budget lines (issue 11): every station_budgets row summed per year, county unit of the row's
-- own scope path (the path less its town segment) and source, revoked stations included, as
-- R-FUND-CITY counts them (funding.repo.ts sourceTotal). Kept netted by statement triggers: an
-- UPDATE adds new minus old, so a budget moved to another path leaves one line for the other.
CREATE FUNCTION funding_budget_county_path(p_scope text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(p_scope, '[^/]+/$', '')
$$;
--> statement-breakpoint
CREATE FUNCTION funding_budgets_to_lines() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  src text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, year, scope_path, source, amount_fen FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, year, scope_path, source, amount_fen FROM old_rows'
    ELSE 'SELECT 1 AS sign, year, scope_path, source, amount_fen FROM new_rows UNION ALL SELECT -1, year, scope_path, source, amount_fen FROM old_rows' END;
BEGIN
  EXECUTE format($q$
    INSERT INTO funding_budget_lines AS l (year, county_path, b_province, b_city, b_county, b_social)
    SELECT d.year, funding_budget_county_path(d.scope_path),
      coalesce(sum(d.sign * d.amount_fen) FILTER (WHERE d.source = 'province'), 0)::bigint,
      coalesce(sum(d.sign * d.amount_fen) FILTER (WHERE d.source = 'city'), 0)::bigint,
      coalesce(sum(d.sign * d.amount_fen) FILTER (WHERE d.source = 'county'), 0)::bigint,
      coalesce(sum(d.sign * d.amount_fen) FILTER (WHERE d.source = 'social'), 0)::bigint
    FROM (%s) d
    GROUP BY 1, 2
    HAVING coalesce(sum(d.sign * d.amount_fen) FILTER (WHERE d.source = 'province'), 0) <> 0 OR coalesce(sum(d.sign * d.amount_fen) FILTER (WHERE d.source = 'city'), 0) <> 0 OR coalesce(sum(d.sign * d.amount_fen) FILTER (WHERE d.source = 'county'), 0) <> 0 OR coalesce(sum(d.sign * d.amount_fen) FILTER (WHERE d.source = 'social'), 0) <> 0
    ORDER BY 1, 2
    ON CONFLICT (year, county_path) DO UPDATE SET b_province = l.b_province + excluded.b_province, b_city = l.b_city + excluded.b_city, b_county = l.b_county + excluded.b_county, b_social = l.b_social + excluded.b_social$q$, src);
  RETURN NULL;
END;
$fn$;
--> statement-breakpoint
CREATE TRIGGER station_budgets_lines_ins AFTER INSERT ON station_budgets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION funding_budgets_to_lines();
--> statement-breakpoint
CREATE TRIGGER station_budgets_lines_upd AFTER UPDATE ON station_budgets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION funding_budgets_to_lines();
--> statement-breakpoint
CREATE TRIGGER station_budgets_lines_del AFTER DELETE ON station_budgets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION funding_budgets_to_lines();
--> statement-breakpoint
-- Backfill, set-based: one grouped insert.
INSERT INTO funding_budget_lines (year, county_path, b_province, b_city, b_county, b_social)
SELECT year, funding_budget_county_path(scope_path),
  coalesce(sum(amount_fen) FILTER (WHERE source = 'province'), 0)::bigint, coalesce(sum(amount_fen) FILTER (WHERE source = 'city'), 0)::bigint, coalesce(sum(amount_fen) FILTER (WHERE source = 'county'), 0)::bigint, coalesce(sum(amount_fen) FILTER (WHERE source = 'social'), 0)::bigint
FROM station_budgets GROUP BY 1, 2
ON CONFLICT (year, county_path) DO NOTHING;
