DROP INDEX "cases_updated_idx";--> statement-breakpoint
DROP INDEX "cases_station_updated_idx";--> statement-breakpoint
DROP INDEX "groups_created_idx";--> statement-breakpoint
DROP INDEX "groups_station_created_idx";--> statement-breakpoint
DROP INDEX "referrals_referred_idx";--> statement-breakpoint
DROP INDEX "referrals_station_referred_idx";--> statement-breakpoint
DROP INDEX "service_records_date_created_idx";--> statement-breakpoint
DROP INDEX "service_records_station_date_idx";--> statement-breakpoint
DROP INDEX "service_records_org_date_idx";--> statement-breakpoint
CREATE INDEX "cases_updated_idx" ON "cases" USING btree ("updated_at" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "cases_station_updated_idx" ON "cases" USING btree ("station_id","updated_at" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "groups_created_idx" ON "groups" USING btree ("created_at" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "groups_station_created_idx" ON "groups" USING btree ("station_id","created_at" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "referrals_referred_idx" ON "referrals" USING btree ("referred_on" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "referrals_station_referred_idx" ON "referrals" USING btree ("station_id","referred_on" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "service_records_date_created_idx" ON "service_records" USING btree ("date" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "service_records_station_date_idx" ON "service_records" USING btree ("station_id","date" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "service_records_org_date_idx" ON "service_records" USING btree ("recorded_by_org","date" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id");