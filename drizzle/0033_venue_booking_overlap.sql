-- One room, no two live bookings whose [start, end) spans overlap; spans that only touch are fine.
-- btree_gist lets the exclusion constraint compare the room id with = beside the range's &&.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE "venue_bookings" ADD CONSTRAINT "venue_bookings_no_overlap"
  EXCLUDE USING gist ("room_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE ("status" = 'booked');--> statement-breakpoint
ALTER TABLE "venue_bookings" ADD CONSTRAINT "venue_bookings_span" CHECK ("ends_at" > "starts_at");
