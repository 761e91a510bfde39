-- Who serves a station is now computed from the contract in force on the day; the stored
-- operator goes. Organisations get the county unit that registered them (for write scope),
-- taken from the stations they ran, else the root region (registered with the city).
ALTER TABLE "organizations" ADD COLUMN "county_code" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "scope_path" text;--> statement-breakpoint
UPDATE "organizations" o SET "county_code" = (
  SELECT r."parent_code" FROM "stations" s JOIN "regions" r ON r."code" = s."town_code"
  WHERE s."operator_org_id" = o."id" ORDER BY s."town_code" LIMIT 1);--> statement-breakpoint
UPDATE "organizations" o SET "scope_path" = coalesce(
  (SELECT r."path" FROM "regions" r WHERE r."code" = o."county_code"),
  (SELECT r."path" FROM "regions" r WHERE r."parent_code" IS NULL ORDER BY r."code" LIMIT 1),
  '/');--> statement-breakpoint
ALTER TABLE "organizations" ALTER COLUMN "scope_path" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_county_code_regions_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organizations_scope_idx" ON "organizations" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
ALTER TABLE "stations" DROP CONSTRAINT "stations_operator_org_id_organizations_id_fk";--> statement-breakpoint
DROP INDEX "stations_org_idx";--> statement-breakpoint
ALTER TABLE "stations" DROP COLUMN "operator_org_id";
