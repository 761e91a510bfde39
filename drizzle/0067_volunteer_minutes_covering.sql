DROP INDEX "volunteer_records_volunteer_date_idx";--> statement-breakpoint
DROP INDEX "volunteer_records_team_idx";--> statement-breakpoint
CREATE INDEX "volunteer_records_volunteer_date_idx" ON "volunteer_service_records" USING btree ("volunteer_id","date","minutes");--> statement-breakpoint
CREATE INDEX "volunteer_records_team_idx" ON "volunteer_service_records" USING btree ("team_id","minutes");