CREATE TABLE "dashboard_rollups" (
	"scope_path" text NOT NULL,
	"station_id" uuid,
	"period" text NOT NULL,
	"measure" text NOT NULL,
	"value" numeric(20, 2) DEFAULT 0 NOT NULL,
	CONSTRAINT "dashboard_rollups_scope_path_period_measure_pk" PRIMARY KEY("scope_path","period","measure")
);
--> statement-breakpoint
CREATE TABLE "dashboard_station_staffing" (
	"station_id" uuid PRIMARY KEY NOT NULL,
	"scope_path" text NOT NULL,
	"as_of" date NOT NULL,
	"on_post" integer NOT NULL,
	"qualified" integer NOT NULL,
	"compliant" boolean NOT NULL,
	"findings" jsonb NOT NULL,
	"stale" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE INDEX "dashboard_rollups_station_idx" ON "dashboard_rollups" USING btree ("station_id","period");--> statement-breakpoint
CREATE INDEX "dashboard_rollups_scope_idx" ON "dashboard_rollups" USING btree ("scope_path" text_pattern_ops,"period");--> statement-breakpoint
CREATE INDEX "dashboard_station_staffing_scope_idx" ON "dashboard_station_staffing" USING btree ("scope_path" text_pattern_ops);