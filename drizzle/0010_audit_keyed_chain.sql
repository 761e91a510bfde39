CREATE TABLE "audit_checkpoint" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"row_count" bigint NOT NULL,
	"head_id" bigint NOT NULL,
	"head_hash" text NOT NULL,
	"first_keyed_id" bigint NOT NULL,
	"signature" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "chain" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Checkpoints are append-only too (the same refusal as the log's, migration 0001).
CREATE TRIGGER audit_checkpoint_no_update_delete BEFORE UPDATE OR DELETE ON audit_checkpoint
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
