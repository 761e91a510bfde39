CREATE TABLE "resource_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"match_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"scope_path" text NOT NULL,
	"kind" text NOT NULL,
	"quantity" bigint NOT NULL,
	"delivered_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"proof_file_ids" uuid[] NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_deliveries_proof" CHECK (cardinality("resource_deliveries"."proof_file_ids") > 0 AND "resource_deliveries"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "resource_matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"scope_path" text NOT NULL,
	"quantity" bigint NOT NULL,
	"delivered" bigint DEFAULT 0 NOT NULL,
	"shares_client" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"proposed_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_comment" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_matches_amounts" CHECK ("resource_matches"."quantity" > 0 AND "resource_matches"."delivered" >= 0 AND "resource_matches"."delivered" <= "resource_matches"."quantity")
);
--> statement-breakpoint
CREATE TABLE "resource_needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"scope_path" text NOT NULL,
	"source" text NOT NULL,
	"client_id" uuid,
	"case_id" uuid,
	"domain" text NOT NULL,
	"target_group" text,
	"kind" text NOT NULL,
	"quantity" bigint NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"needed_by" date,
	"status" text DEFAULT 'open' NOT NULL,
	"met_on" date,
	"public_text" text DEFAULT '' NOT NULL,
	"public_state" text DEFAULT 'none' NOT NULL,
	"public_requested_by" uuid,
	"published_by" uuid,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"scope_path" text NOT NULL,
	"donor_kind" text NOT NULL,
	"donor_name" text NOT NULL,
	"partner_id" uuid,
	"kind" text NOT NULL,
	"item_name" text DEFAULT '' NOT NULL,
	"quantity" bigint NOT NULL,
	"reserved" bigint DEFAULT 0 NOT NULL,
	"delivered" bigint DEFAULT 0 NOT NULL,
	"domain" text,
	"place" text DEFAULT '' NOT NULL,
	"available_from" date,
	"available_to" date,
	"wish_domain" text,
	"wish_target_group" text,
	"wish_station_id" uuid,
	"wish_need_id" uuid,
	"thank_publicly" boolean DEFAULT false NOT NULL,
	"public_name" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_offers_amounts" CHECK ("resource_offers"."quantity" > 0 AND "resource_offers"."reserved" >= 0 AND "resource_offers"."delivered" >= 0 AND "resource_offers"."reserved" <= "resource_offers"."quantity" AND "resource_offers"."delivered" <= "resource_offers"."reserved")
);
--> statement-breakpoint
ALTER TABLE "resource_deliveries" ADD CONSTRAINT "resource_deliveries_match_id_resource_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."resource_matches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_deliveries" ADD CONSTRAINT "resource_deliveries_need_id_resource_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."resource_needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_deliveries" ADD CONSTRAINT "resource_deliveries_offer_id_resource_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."resource_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_deliveries" ADD CONSTRAINT "resource_deliveries_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_deliveries" ADD CONSTRAINT "resource_deliveries_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_matches" ADD CONSTRAINT "resource_matches_need_id_resource_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."resource_needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_matches" ADD CONSTRAINT "resource_matches_offer_id_resource_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."resource_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_matches" ADD CONSTRAINT "resource_matches_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_matches" ADD CONSTRAINT "resource_matches_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_matches" ADD CONSTRAINT "resource_matches_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_needs" ADD CONSTRAINT "resource_needs_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_needs" ADD CONSTRAINT "resource_needs_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_needs" ADD CONSTRAINT "resource_needs_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_needs" ADD CONSTRAINT "resource_needs_public_requested_by_users_id_fk" FOREIGN KEY ("public_requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_needs" ADD CONSTRAINT "resource_needs_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_needs" ADD CONSTRAINT "resource_needs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_offers" ADD CONSTRAINT "resource_offers_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_offers" ADD CONSTRAINT "resource_offers_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_offers" ADD CONSTRAINT "resource_offers_wish_station_id_stations_id_fk" FOREIGN KEY ("wish_station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_offers" ADD CONSTRAINT "resource_offers_wish_need_id_resource_needs_id_fk" FOREIGN KEY ("wish_need_id") REFERENCES "public"."resource_needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_offers" ADD CONSTRAINT "resource_offers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resource_deliveries_match_idx" ON "resource_deliveries" USING btree ("match_id");--> statement-breakpoint
CREATE INDEX "resource_deliveries_station_day_idx" ON "resource_deliveries" USING btree ("station_id","delivered_on");--> statement-breakpoint
CREATE INDEX "resource_matches_need_idx" ON "resource_matches" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "resource_matches_offer_idx" ON "resource_matches" USING btree ("offer_id");--> statement-breakpoint
CREATE INDEX "resource_matches_scope_idx" ON "resource_matches" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "resource_needs_scope_idx" ON "resource_needs" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "resource_needs_station_status_idx" ON "resource_needs" USING btree ("station_id","status");--> statement-breakpoint
CREATE INDEX "resource_needs_public_idx" ON "resource_needs" USING btree ("public_state","status");--> statement-breakpoint
CREATE INDEX "resource_needs_met_idx" ON "resource_needs" USING btree ("station_id","met_on");--> statement-breakpoint
CREATE INDEX "resource_offers_scope_idx" ON "resource_offers" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "resource_offers_station_idx" ON "resource_offers" USING btree ("station_id","kind");