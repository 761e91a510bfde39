ALTER TABLE "archive_jobs" ALTER COLUMN "station_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "archive_jobs" ALTER COLUMN "year" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "archive_jobs" ADD COLUMN "contract_id" uuid;--> statement-breakpoint
ALTER TABLE "archive_jobs" ADD CONSTRAINT "archive_jobs_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archive_jobs_contract_idx" ON "archive_jobs" USING btree ("contract_id");--> statement-breakpoint
ALTER TABLE "archive_jobs" ADD CONSTRAINT "archive_jobs_kind_check" CHECK (("archive_jobs"."contract_id" IS NULL AND "archive_jobs"."station_id" IS NOT NULL AND "archive_jobs"."year" IS NOT NULL)
      OR ("archive_jobs"."contract_id" IS NOT NULL AND "archive_jobs"."station_id" IS NULL AND "archive_jobs"."year" IS NULL));