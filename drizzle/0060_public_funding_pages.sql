-- The cached bodies are the old shape (every county unit in one row per year): drop them, the next request recomputes.
DELETE FROM "public_funding_summaries";--> statement-breakpoint
ALTER TABLE "public_funding_summaries" DROP CONSTRAINT "public_funding_summaries_pkey";--> statement-breakpoint
ALTER TABLE "public_funding_summaries" ADD COLUMN "page" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "public_funding_summaries" ADD COLUMN "page_size" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "public_funding_summaries" ADD CONSTRAINT "public_funding_summaries_year_page_page_size_pk" PRIMARY KEY("year","page","page_size");
