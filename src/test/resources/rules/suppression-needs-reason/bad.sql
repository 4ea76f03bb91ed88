-- plc:ignore require-concurrent-index-creation
CREATE INDEX audit_log_created_at_idx ON audit_log (created_at);
