DROP INDEX "venue_bookings_scope_starts_idx";--> statement-breakpoint
CREATE INDEX "venue_bookings_starts_scope_idx" ON "venue_bookings" USING btree ("starts_at","scope_path" text_pattern_ops);