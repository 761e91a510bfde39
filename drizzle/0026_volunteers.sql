CREATE TABLE "volunteer_certificate_counters" (
	"issuer_station_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_serial" integer NOT NULL,
	CONSTRAINT "volunteer_certificate_counters_issuer_station_id_year_pk" PRIMARY KEY("issuer_station_id","year")
);
--> statement-breakpoint
CREATE TABLE "volunteer_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"scope_path" text NOT NULL,
	"year" integer NOT NULL,
	"serial" integer NOT NULL,
	"number" text NOT NULL,
	"issued_on" date NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"total_minutes" integer NOT NULL,
	"record_count" integer NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"snapshot" jsonb NOT NULL,
	"prints" integer DEFAULT 0 NOT NULL,
	"issued_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_service_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"scope_path" text NOT NULL,
	"team_id" uuid,
	"date" date NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"minutes" integer NOT NULL,
	"content" text NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"training" text DEFAULT '' NOT NULL,
	"commendation" text DEFAULT '' NOT NULL,
	"evaluation" text DEFAULT '' NOT NULL,
	"source" text DEFAULT 'own' NOT NULL,
	"source_id" uuid,
	"certifier" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_by_org" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"scope_path" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"stage" text DEFAULT 'incubating' NOT NULL,
	"incubated_on" date NOT NULL,
	"cultivated_on" date,
	"registered_on" date,
	"filed_on" date,
	"registration_no" text DEFAULT '' NOT NULL,
	"lead_worker_id" uuid,
	"other_members" integer DEFAULT 0 NOT NULL,
	"activities" text DEFAULT '' NOT NULL,
	"support" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"scope_path" text NOT NULL,
	"name" text NOT NULL,
	"id_number_cipher" text NOT NULL,
	"id_number_index" text NOT NULL,
	"id_number_tail" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"phone_cipher" text,
	"skills" text[] DEFAULT '{}' NOT NULL,
	"availability" text DEFAULT '' NOT NULL,
	"team_id" uuid,
	"lead_worker_id" uuid,
	"consent_on" date NOT NULL,
	"consent_scope" text NOT NULL,
	"guardian_name" text DEFAULT '' NOT NULL,
	"guardian_relation" text DEFAULT '' NOT NULL,
	"guardian_consent_on" date,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "volunteer_certificate_counters" ADD CONSTRAINT "volunteer_certificate_counters_issuer_station_id_stations_id_fk" FOREIGN KEY ("issuer_station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_certificates" ADD CONSTRAINT "volunteer_certificates_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_certificates" ADD CONSTRAINT "volunteer_certificates_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_certificates" ADD CONSTRAINT "volunteer_certificates_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_service_records" ADD CONSTRAINT "volunteer_service_records_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_service_records" ADD CONSTRAINT "volunteer_service_records_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_service_records" ADD CONSTRAINT "volunteer_service_records_team_id_volunteer_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."volunteer_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_service_records" ADD CONSTRAINT "volunteer_service_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_teams" ADD CONSTRAINT "volunteer_teams_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_teams" ADD CONSTRAINT "volunteer_teams_lead_worker_id_social_workers_id_fk" FOREIGN KEY ("lead_worker_id") REFERENCES "public"."social_workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_team_id_volunteer_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."volunteer_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_lead_worker_id_social_workers_id_fk" FOREIGN KEY ("lead_worker_id") REFERENCES "public"."social_workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_certificates_number_idx" ON "volunteer_certificates" USING btree ("station_id","year","serial");--> statement-breakpoint
CREATE INDEX "volunteer_certificates_scope_idx" ON "volunteer_certificates" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "volunteer_certificates_volunteer_idx" ON "volunteer_certificates" USING btree ("volunteer_id");--> statement-breakpoint
CREATE INDEX "volunteer_records_scope_idx" ON "volunteer_service_records" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "volunteer_records_volunteer_date_idx" ON "volunteer_service_records" USING btree ("volunteer_id","date");--> statement-breakpoint
CREATE INDEX "volunteer_records_station_date_idx" ON "volunteer_service_records" USING btree ("station_id","date");--> statement-breakpoint
CREATE INDEX "volunteer_records_team_idx" ON "volunteer_service_records" USING btree ("team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_records_source_idx" ON "volunteer_service_records" USING btree ("source","source_id","volunteer_id");--> statement-breakpoint
CREATE INDEX "volunteer_teams_scope_idx" ON "volunteer_teams" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "volunteer_teams_station_idx" ON "volunteer_teams" USING btree ("station_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteers_station_id_number_idx" ON "volunteers" USING btree ("station_id","id_number_index");--> statement-breakpoint
CREATE INDEX "volunteers_scope_idx" ON "volunteers" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "volunteers_station_name_idx" ON "volunteers" USING btree ("station_id","name");--> statement-breakpoint
CREATE INDEX "volunteers_team_idx" ON "volunteers" USING btree ("team_id");