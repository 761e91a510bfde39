CREATE TABLE "calendar_report_counts" (
	"county_path" text NOT NULL,
	"due_on" date NOT NULL,
	"state" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "calendar_report_counts_county_path_due_on_state_pk" PRIMARY KEY("county_path","due_on","state")
);
--> statement-breakpoint
CREATE INDEX "calendar_report_counts_due_idx" ON "calendar_report_counts" USING btree ("due_on");