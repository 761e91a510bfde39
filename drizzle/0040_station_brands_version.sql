ALTER TABLE "station_brands" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "station_brands" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "station_brands_scope_idx" ON "station_brands" USING btree ("scope_path" text_pattern_ops);