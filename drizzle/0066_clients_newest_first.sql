DROP INDEX "clients_created_idx";--> statement-breakpoint
CREATE INDEX "clients_created_idx" ON "clients" USING btree ("created_at" DESC NULLS FIRST,"id");