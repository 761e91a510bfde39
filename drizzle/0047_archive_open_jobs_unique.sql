DROP INDEX "system_documents_in_force_uq";--> statement-breakpoint
DROP INDEX "system_documents_county_kind_idx";--> statement-breakpoint
DROP INDEX "archive_jobs_contract_idx";--> statement-breakpoint
CREATE INDEX "system_documents_county_kind_effective_idx" ON "system_documents" USING btree ("county_code","kind","effective_on","created_at");--> statement-breakpoint
-- Open jobs of the same key left by an earlier race: the oldest stays, the others are failed, so the unique indexes can be built.
UPDATE "archive_jobs" j SET "status" = 'failed', "finished_at" = now(), "error" = '重复的归档申请，已并入同一归档'
WHERE j."status" IN ('queued', 'running') AND EXISTS (
  SELECT 1 FROM "archive_jobs" o WHERE o."status" IN ('queued', 'running') AND (o."requested_at", o."id") < (j."requested_at", j."id")
    AND ((j."contract_id" IS NOT NULL AND o."contract_id" = j."contract_id")
      OR (j."contract_id" IS NULL AND o."contract_id" IS NULL AND o."station_id" = j."station_id" AND o."year" = j."year")));--> statement-breakpoint
CREATE UNIQUE INDEX "archive_jobs_open_station_year_uq" ON "archive_jobs" USING btree ("station_id","year") WHERE status IN ('queued', 'running') AND contract_id IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "archive_jobs_open_contract_uq" ON "archive_jobs" USING btree ("contract_id") WHERE status IN ('queued', 'running');--> statement-breakpoint
CREATE INDEX "archive_jobs_contract_idx" ON "archive_jobs" USING btree ("contract_id") WHERE contract_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE "system_documents" DROP COLUMN "status";--> statement-breakpoint
ALTER TABLE "system_documents" DROP COLUMN "superseded_by";--> statement-breakpoint
ALTER TABLE "system_documents" DROP COLUMN "superseded_at";