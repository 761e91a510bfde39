CREATE TABLE "publicity_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"station_id" uuid NOT NULL,
	"scope_path" text NOT NULL,
	"author_id" uuid NOT NULL,
	"author_org_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"client_ids" uuid[] DEFAULT '{}' NOT NULL,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"return_reason" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "station_brands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"scope_path" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "opening_hours" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "longitude" double precision;--> statement-breakpoint
ALTER TABLE "publicity_posts" ADD CONSTRAINT "publicity_posts_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_posts" ADD CONSTRAINT "publicity_posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_posts" ADD CONSTRAINT "publicity_posts_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_posts" ADD CONSTRAINT "publicity_posts_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_brands" ADD CONSTRAINT "station_brands_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_brands" ADD CONSTRAINT "station_brands_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "publicity_posts_scope_idx" ON "publicity_posts" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "publicity_posts_station_idx" ON "publicity_posts" USING btree ("station_id","updated_at");--> statement-breakpoint
CREATE INDEX "publicity_posts_published_idx" ON "publicity_posts" USING btree ("published_at") WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "station_brands_station_idx" ON "station_brands" USING btree ("station_id");