CREATE TABLE "annual_plan_versions" (
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
	CONSTRAINT "annual_plan_versions_number" UNIQUE("plan_id","number")
);
--> statement-breakpoint
CREATE TABLE "annual_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_code" text NOT NULL,
	"scope_path" text NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"first_submitted_at" timestamp with time zone,
	"last_comment" text DEFAULT '' NOT NULL,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "annual_plans_county_year" UNIQUE("county_code","year")
);
--> statement-breakpoint
CREATE TABLE "contract_grades" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"grade" text NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_grades_year" UNIQUE("contract_id","year")
);
--> statement-breakpoint
CREATE TABLE "contract_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"instalment" integer NOT NULL,
	"paid_on" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"voucher" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_spending" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"category" text NOT NULL,
	"spent_on" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_stations" (
	"contract_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"station_path" text NOT NULL,
	CONSTRAINT "contract_stations_contract_id_station_id_pk" PRIMARY KEY("contract_id","station_id")
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_code" text NOT NULL,
	"scope_path" text NOT NULL,
	"procurement_id" uuid,
	"contractor_org_id" uuid NOT NULL,
	"number" text DEFAULT '' NOT NULL,
	"title" text NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"quantity" text DEFAULT '' NOT NULL,
	"quality" text DEFAULT '' NOT NULL,
	"price_fen" bigint DEFAULT 0 NOT NULL,
	"instalments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rights_duties" text DEFAULT '' NOT NULL,
	"liability" text DEFAULT '' NOT NULL,
	"tripartite" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"status_reason" text DEFAULT '' NOT NULL,
	"signed_on" date,
	"ending_year" integer,
	"ending_reason" text DEFAULT '' NOT NULL,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_code" text NOT NULL,
	"scope_path" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"station_ids" uuid[] DEFAULT '{}' NOT NULL,
	"item_codes" text[] DEFAULT '{}' NOT NULL,
	"other_items" text DEFAULT '' NOT NULL,
	"standards" text DEFAULT '' NOT NULL,
	"requirements" text DEFAULT '' NOT NULL,
	"method" text NOT NULL,
	"budget_fen" bigint DEFAULT 0 NOT NULL,
	"announced_on" date,
	"deadline_on" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"contractor_org_id" uuid,
	"awarded_on" date,
	"award_fen" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "station_budgets" (
	"station_id" uuid NOT NULL,
	"scope_path" text NOT NULL,
	"year" integer NOT NULL,
	"source" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "station_budgets_station_id_year_source_pk" PRIMARY KEY("station_id","year","source")
);
--> statement-breakpoint
ALTER TABLE "service_records" ADD COLUMN "co_worker_ids" uuid[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "annual_plan_versions" ADD CONSTRAINT "annual_plan_versions_plan_id_annual_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."annual_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_plan_versions" ADD CONSTRAINT "annual_plan_versions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_plan_versions" ADD CONSTRAINT "annual_plan_versions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_plans" ADD CONSTRAINT "annual_plans_county_code_regions_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_grades" ADD CONSTRAINT "contract_grades_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_grades" ADD CONSTRAINT "contract_grades_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_grades" ADD CONSTRAINT "contract_grades_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_payments" ADD CONSTRAINT "contract_payments_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_payments" ADD CONSTRAINT "contract_payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_spending" ADD CONSTRAINT "contract_spending_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_spending" ADD CONSTRAINT "contract_spending_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_spending" ADD CONSTRAINT "contract_spending_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_stations" ADD CONSTRAINT "contract_stations_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_stations" ADD CONSTRAINT "contract_stations_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_county_code_regions_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_contractor_org_id_organizations_id_fk" FOREIGN KEY ("contractor_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurements" ADD CONSTRAINT "procurements_county_code_regions_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurements" ADD CONSTRAINT "procurements_contractor_org_id_organizations_id_fk" FOREIGN KEY ("contractor_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_budgets" ADD CONSTRAINT "station_budgets_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_budgets" ADD CONSTRAINT "station_budgets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "annual_plans_scope_idx" ON "annual_plans" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "contract_grades_org_idx" ON "contract_grades" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "contract_payments_contract_idx" ON "contract_payments" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "contract_spending_contract_idx" ON "contract_spending" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "contract_spending_station_idx" ON "contract_spending" USING btree ("station_id","spent_on");--> statement-breakpoint
CREATE INDEX "contract_stations_station_idx" ON "contract_stations" USING btree ("station_id");--> statement-breakpoint
CREATE INDEX "contract_stations_path_idx" ON "contract_stations" USING btree ("station_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "contracts_scope_idx" ON "contracts" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "contracts_org_idx" ON "contracts" USING btree ("contractor_org_id");--> statement-breakpoint
CREATE INDEX "procurements_scope_idx" ON "procurements" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "procurements_status_idx" ON "procurements" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "station_budgets_scope_idx" ON "station_budgets" USING btree ("year","scope_path" text_pattern_ops);