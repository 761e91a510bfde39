CREATE TABLE "station_funding_rollups" (
	"station_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"b_province" bigint DEFAULT 0 NOT NULL,
	"b_city" bigint DEFAULT 0 NOT NULL,
	"b_county" bigint DEFAULT 0 NOT NULL,
	"b_social" bigint DEFAULT 0 NOT NULL,
	"s_staff" bigint DEFAULT 0 NOT NULL,
	"s_activities" bigint DEFAULT 0 NOT NULL,
	"s_training" bigint DEFAULT 0 NOT NULL,
	"s_office" bigint DEFAULT 0 NOT NULL,
	"s_publicity" bigint DEFAULT 0 NOT NULL,
	"s_other" bigint DEFAULT 0 NOT NULL,
	"budget_fen" bigint DEFAULT 0 NOT NULL,
	"spent_fen" bigint DEFAULT 0 NOT NULL,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "station_funding_rollups_year_station_id_pk" PRIMARY KEY("year","station_id")
);
--> statement-breakpoint
ALTER TABLE "station_funding_rollups" ADD CONSTRAINT "station_funding_rollups_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "station_funding_rollups_station_idx" ON "station_funding_rollups" USING btree ("station_id");