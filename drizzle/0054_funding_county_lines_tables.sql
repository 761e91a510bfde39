CREATE TABLE "funding_county_lines" (
	"year" integer NOT NULL,
	"county_path" text NOT NULL,
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
	CONSTRAINT "funding_county_lines_year_county_path_pk" PRIMARY KEY("year","county_path")
);
--> statement-breakpoint
CREATE TABLE "funding_county_stations" (
	"county_path" text PRIMARY KEY NOT NULL,
	"stations" integer DEFAULT 0 NOT NULL
);
