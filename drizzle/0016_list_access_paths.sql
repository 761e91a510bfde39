DROP INDEX "clients_station_idx";--> statement-breakpoint
DROP INDEX "service_records_date_idx";--> statement-breakpoint
CREATE INDEX "regions_name_trgm_idx" ON "regions" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "organizations_name_trgm_idx" ON "organizations" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "stations_address_trgm_idx" ON "stations" USING gin ("address" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "social_workers_name_trgm_idx" ON "social_workers" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "clients_station_name_idx" ON "clients" USING btree ("station_id","name");--> statement-breakpoint
CREATE INDEX "clients_created_idx" ON "clients" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "clients_name_trgm_idx" ON "clients" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "cases_updated_idx" ON "cases" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "cases_station_updated_idx" ON "cases" USING btree ("station_id","updated_at");--> statement-breakpoint
CREATE INDEX "cases_worker_idx" ON "cases" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "groups_created_idx" ON "groups" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "groups_station_created_idx" ON "groups" USING btree ("station_id","created_at");--> statement-breakpoint
CREATE INDEX "referrals_referred_idx" ON "referrals" USING btree ("referred_on");--> statement-breakpoint
CREATE INDEX "referrals_station_referred_idx" ON "referrals" USING btree ("station_id","referred_on");--> statement-breakpoint
CREATE INDEX "referrals_client_idx" ON "referrals" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "service_records_date_created_idx" ON "service_records" USING btree ("date","created_at");--> statement-breakpoint
CREATE INDEX "service_records_station_date_idx" ON "service_records" USING btree ("station_id","date","created_at");--> statement-breakpoint
CREATE INDEX "service_records_group_idx" ON "service_records" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "service_records_client_ids_idx" ON "service_records" USING gin ("client_ids");--> statement-breakpoint
CREATE INDEX "contracts_updated_idx" ON "contracts" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "contracts_county_idx" ON "contracts" USING btree ("county_code");--> statement-breakpoint
CREATE INDEX "contracts_status_ends_idx" ON "contracts" USING btree ("status","ends_on");--> statement-breakpoint
CREATE INDEX "contracts_signed_idx" ON "contracts" USING btree ("signed_on");--> statement-breakpoint
CREATE INDEX "reports_period_idx" ON "reports" USING btree ("period_start" DESC NULLS FIRST,"title","id");--> statement-breakpoint
CREATE INDEX "reports_station_period_idx" ON "reports" USING btree ("station_id","period_start");--> statement-breakpoint
CREATE INDEX "reports_contract_idx" ON "reports" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "reports_status_due_idx" ON "reports" USING btree ("status","due_on");