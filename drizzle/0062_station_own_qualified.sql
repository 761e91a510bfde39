ALTER TABLE "dashboard_station_staffing" ADD COLUMN "own_qualified" jsonb;--> statement-breakpoint
-- Every live row is recomputed by its next reader, so the per-organisation counts are filled today
-- (until then the contracts count live: a row without them is never read). The roll-up lines are
-- unchanged: the netted trigger subtracts and adds the same figures.
UPDATE "dashboard_station_staffing" SET "stale" = true WHERE "live";
