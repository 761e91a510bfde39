CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"applicant_id" uuid NOT NULL,
	"applicant_scope_path" text NOT NULL,
	"deciding_level" text NOT NULL,
	"scope_path" text NOT NULL,
	"department" text NOT NULL,
	"title" text NOT NULL,
	"purpose" text NOT NULL,
	"item_codes" text[] DEFAULT '{}' NOT NULL,
	"station_ids" uuid[] DEFAULT '{}' NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"target_people" text NOT NULL,
	"funded_by" text NOT NULL,
	"provided_by" text NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_comment" text DEFAULT '' NOT NULL,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "application_id" uuid;--> statement-breakpoint
ALTER TABLE "service_records" ADD COLUMN "application_id" uuid;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_applicant_id_users_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "applications_scope_idx" ON "applications" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "applications_applicant_idx" ON "applications" USING btree ("applicant_id","updated_at");--> statement-breakpoint
CREATE INDEX "applications_status_idx" ON "applications" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "applications_stations_idx" ON "applications" USING gin ("station_ids");--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "groups_application_idx" ON "groups" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "service_records_application_idx" ON "service_records" USING btree ("application_id");