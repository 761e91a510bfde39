DROP INDEX "dashboard_rollups_scope_idx";--> statement-breakpoint
ALTER TABLE "dashboard_rollups" DROP CONSTRAINT "dashboard_rollups_scope_path_period_measure_pk";--> statement-breakpoint
ALTER TABLE "dashboard_rollups" ADD COLUMN "tier" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_rollups" ADD CONSTRAINT "dashboard_rollups_tier_scope_path_period_measure_pk" PRIMARY KEY("tier","scope_path","period","measure");--> statement-breakpoint
CREATE INDEX "dashboard_rollups_scope_idx" ON "dashboard_rollups" USING btree ("tier","scope_path" text_pattern_ops,"period");
