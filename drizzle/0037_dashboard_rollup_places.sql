CREATE TABLE "dashboard_rollup_pending" (
	"scope_path" text NOT NULL,
	"period" text NOT NULL,
	"measure" text NOT NULL,
	"value" numeric(20, 2) NOT NULL
);
--> statement-breakpoint
CREATE INDEX "dashboard_rollup_pending_scope_idx" ON "dashboard_rollup_pending" USING btree ("scope_path" text_pattern_ops,"measure");--> statement-breakpoint
CREATE INDEX "dashboard_rollups_place_measure_idx" ON "dashboard_rollups" USING btree ("measure","scope_path" text_pattern_ops,"period") WHERE tier > 0 OR station_id IS NULL;