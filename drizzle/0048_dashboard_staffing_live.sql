ALTER TABLE "dashboard_station_staffing" ADD COLUMN "live" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX "dashboard_station_staffing_stale_idx" ON "dashboard_station_staffing" USING btree ("scope_path" text_pattern_ops) WHERE stale;--> statement-breakpoint
CREATE INDEX "dashboard_station_staffing_as_of_idx" ON "dashboard_station_staffing" USING btree ("as_of");