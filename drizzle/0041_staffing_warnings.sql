ALTER TABLE "dashboard_station_staffing" ADD COLUMN "warnings" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_station_staffing" ADD COLUMN "cert_issues" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Rows computed before these columns existed are recomputed on their next read.
UPDATE "dashboard_station_staffing" SET "stale" = true;
