DROP INDEX "venue_rooms_station_idx";--> statement-breakpoint
CREATE INDEX "venue_bookings_station_starts_idx" ON "venue_bookings" USING btree ("station_id","starts_at");--> statement-breakpoint
CREATE INDEX "venue_bookings_scope_starts_idx" ON "venue_bookings" USING btree ("scope_path" text_pattern_ops,"starts_at");--> statement-breakpoint
CREATE INDEX "venue_rooms_scope_idx" ON "venue_rooms" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "venue_rooms_station_idx" ON "venue_rooms" USING btree ("station_id","shared","name");