DROP INDEX "dashboard_station_staffing_as_of_idx";--> statement-breakpoint
CREATE INDEX "dashboard_station_staffing_as_of_idx" ON "dashboard_station_staffing" USING btree ("as_of") WHERE live;