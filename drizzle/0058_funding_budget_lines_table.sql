CREATE TABLE "funding_budget_lines" (
	"year" integer NOT NULL,
	"county_path" text NOT NULL,
	"b_province" bigint DEFAULT 0 NOT NULL,
	"b_city" bigint DEFAULT 0 NOT NULL,
	"b_county" bigint DEFAULT 0 NOT NULL,
	"b_social" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "funding_budget_lines_year_county_path_pk" PRIMARY KEY("year","county_path")
);
