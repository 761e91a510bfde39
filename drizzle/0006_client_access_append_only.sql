-- Who viewed a client's record stays on record: the access log is append-only too.
CREATE TRIGGER client_access_log_no_update_delete BEFORE UPDATE OR DELETE ON client_access_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER client_access_log_no_truncate BEFORE TRUNCATE ON client_access_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
