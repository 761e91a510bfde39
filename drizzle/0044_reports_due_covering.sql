-- The grouped calendar counts a window's reports per day, region and state (calendar.repo.ts
-- reportGroups): with every column it reads in the index, a province's year (18,000 reports whose
-- rows carry sections and snapshots) is an index-only scan instead of a heap scan.
CREATE INDEX IF NOT EXISTS "reports_due_cover_idx" ON "reports" USING btree ("due_on") INCLUDE ("kind", "scope_path", "first_submitted_at", "station_id", "contract_id");
