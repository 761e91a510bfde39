CREATE TABLE "system_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_code" text NOT NULL,
	"scope_path" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"version" text NOT NULL,
	"effective_on" date NOT NULL,
	"approved_by" text NOT NULL,
	"approved_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"file_id" uuid,
	"status" text DEFAULT 'in_force' NOT NULL,
	"superseded_by" uuid,
	"superseded_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "system_documents" ADD CONSTRAINT "system_documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "system_documents_scope_idx" ON "system_documents" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "system_documents_in_force_uq" ON "system_documents" USING btree ("county_code","kind") WHERE "system_documents"."status" = 'in_force';