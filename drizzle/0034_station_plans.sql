CREATE TABLE "station_plan_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"content" jsonb NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by" uuid,
	"decision" text,
	"decision_comment" text DEFAULT '' NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	CONSTRAINT "station_plan_versions_number" UNIQUE("plan_id","number")
);
--> statement-breakpoint
CREATE TABLE "station_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"scope_path" text NOT NULL,
	"year" integer NOT NULL,
	"contract_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"first_month" smallint NOT NULL,
	"last_month" smallint NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"item_codes" text[] DEFAULT '{}' NOT NULL,
	"duties" text DEFAULT '' NOT NULL,
	"target_records" integer DEFAULT 0 NOT NULL,
	"target_home_visits" integer DEFAULT 0 NOT NULL,
	"target_group_sessions" integer DEFAULT 0 NOT NULL,
	"target_cases_opened" integer DEFAULT 0 NOT NULL,
	"last_comment" text DEFAULT '' NOT NULL,
	"approved_at" timestamp with time zone,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "station_plans_station_year" UNIQUE("station_id","year")
);
--> statement-breakpoint
CREATE TABLE "archive_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"scope_path" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer DEFAULT 0 NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claim_token" uuid,
	"attempts" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"file_id" uuid,
	"file_count" integer DEFAULT 0 NOT NULL,
	"size" integer,
	"sha256" text,
	"error" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "station_plan_versions" ADD CONSTRAINT "station_plan_versions_plan_id_station_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."station_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_plan_versions" ADD CONSTRAINT "station_plan_versions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_plan_versions" ADD CONSTRAINT "station_plan_versions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_plans" ADD CONSTRAINT "station_plans_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_plans" ADD CONSTRAINT "station_plans_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_plans" ADD CONSTRAINT "station_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_jobs" ADD CONSTRAINT "archive_jobs_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_jobs" ADD CONSTRAINT "archive_jobs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_jobs" ADD CONSTRAINT "archive_jobs_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "station_plans_scope_idx" ON "station_plans" USING btree ("year","scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "station_plans_org_idx" ON "station_plans" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "station_plans_status_idx" ON "station_plans" USING btree ("status","year");--> statement-breakpoint
CREATE INDEX "archive_jobs_scope_idx" ON "archive_jobs" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "archive_jobs_requested_idx" ON "archive_jobs" USING btree ("requested_at","id");--> statement-breakpoint
CREATE INDEX "archive_jobs_station_year_idx" ON "archive_jobs" USING btree ("station_id","year");--> statement-breakpoint
CREATE INDEX "archive_jobs_status_idx" ON "archive_jobs" USING btree ("status","heartbeat_at");