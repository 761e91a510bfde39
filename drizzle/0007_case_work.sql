CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"scope_path" text NOT NULL,
	"worker_id" uuid NOT NULL,
	"stage" text DEFAULT 'intake' NOT NULL,
	"pending_approval" text,
	"last_return_comment" text DEFAULT '' NOT NULL,
	"notes_cipher" text NOT NULL,
	"next_follow_up" date,
	"opened_on" date NOT NULL,
	"closed_on" date,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"date" date NOT NULL,
	"topic" text NOT NULL,
	"client_ids" uuid[] DEFAULT '{}' NOT NULL,
	"volunteers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"scope_path" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"phase" text DEFAULT 'preparing' NOT NULL,
	"goals" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"scope_path" text NOT NULL,
	"partner_id" uuid NOT NULL,
	"reason_cipher" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"referred_on" date NOT NULL,
	"outcome" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"scope_path" text NOT NULL,
	"date" date NOT NULL,
	"start_time" text,
	"duration_minutes" integer NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"method" text NOT NULL,
	"item_code" text,
	"other_item" text DEFAULT '' NOT NULL,
	"domain" text NOT NULL,
	"flagged_for_review" boolean DEFAULT false NOT NULL,
	"review" text DEFAULT '' NOT NULL,
	"client_ids" uuid[] DEFAULT '{}' NOT NULL,
	"case_id" uuid,
	"group_id" uuid,
	"volunteers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes_cipher" text,
	"home_visit" boolean DEFAULT false NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"recorded_by" uuid NOT NULL,
	"recorded_by_org" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_worker_id_users_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_sessions" ADD CONSTRAINT "group_sessions_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_scope_idx" ON "cases" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "cases_client_idx" ON "cases" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "cases_follow_up_idx" ON "cases" USING btree ("next_follow_up");--> statement-breakpoint
CREATE INDEX "group_sessions_group_idx" ON "group_sessions" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "groups_scope_idx" ON "groups" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "referrals_scope_idx" ON "referrals" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "service_records_scope_idx" ON "service_records" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "service_records_date_idx" ON "service_records" USING btree ("date");--> statement-breakpoint
CREATE INDEX "service_records_case_idx" ON "service_records" USING btree ("case_id");